package dev.railyard.sinks.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rolled files as the tools read them, and which of them retention keeps. */
class CompressionAndRetentionTest {

  private static final TopicPartition TP = new TopicPartition("railyard.bus.audit", 0);

  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T00:00:00Z"));

  @ParameterizedTest
  @CsvSource({"gzip, zcat, .jsonl.gz", "zstd, zstdcat, .jsonl.zst"})
  void shouldRollFilesTheCommandLineToolsRead(String compression, String tool, String extension)
      throws Exception {
    // given a task compressing its rolled files
    LogSinkTask task = task(Map.of(LogSinkConfig.COMPRESSION_CONFIG, compression));

    // when 50 events are written and their file rolled
    task.put(events(0, 50));
    clock.advance(Duration.ofHours(2));
    task.preCommit(Map.of());

    // then the tool reads every event back from the one rolled file
    List<Path> rolled = LogFilesRead.rolled(dir);
    assertThat(rolled).hasSize(1);
    assertThat(rolled.get(0).toString()).endsWith(extension);
    Process p =
        new ProcessBuilder(tool, rolled.get(0).toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out.lines())
        .hasSize(50)
        .allSatisfy(l -> assertThat(l).startsWith("{\"specversion\""));
    assertThat(out).isEqualTo(LogFilesRead.text(rolled.get(0)));
  }

  @Test
  void shouldKeepAtMostTheNewestFilesAndNeverTheOpenOne() throws IOException {
    // given a task keeping three rolled files, each file about three events
    LogSinkTask task =
        task(
            Map.of(
                LogSinkConfig.RETENTION_FILES_CONFIG, "3", LogSinkConfig.ROLL_BYTES_CONFIG, "300"));

    // when 20 events are written, committed after each
    for (int i = 0; i < 20; i++) {
      task.put(events(i, i + 1));
      task.preCommit(Map.of());
    }

    // then the three newest rolled files are kept, and the open file
    List<Path> rolled = LogFilesRead.rolled(dir);
    assertThat(rolled).hasSize(3);
    assertThat(rolled.get(2).getFileName().toString()).contains("-000000000017.");
    assertThat(LogFilesRead.files(dir)).hasSize(rolled.size() + 1);
  }

  @Test
  void shouldKeepRolledFilesWithinTheirBytesAndAge() throws IOException {
    // given a task keeping at most 1000 bytes of rolled files, for at most an hour
    LogSinkTask task =
        task(
            Map.of(
                LogSinkConfig.RETENTION_BYTES_CONFIG, "1000",
                LogSinkConfig.RETENTION_MS_CONFIG, "3600000",
                LogSinkConfig.ROLL_BYTES_CONFIG, "300",
                LogSinkConfig.COMPRESSION_CONFIG, "none"));

    // when 30 events roll about ten files of some 300 bytes
    for (int i = 0; i < 30; i++) {
      task.put(events(i, i + 1));
      task.preCommit(Map.of());
    }

    // then what is kept is within 1000 bytes
    assertThat(LogFilesRead.rolled(dir).stream().mapToLong(f -> f.toFile().length()).sum())
        .isBetween(1L, 1000L);

    // and once an hour has passed, the next commit deletes every rolled file, and empty folders
    clock.advance(Duration.ofHours(1));
    task.put(List.of());
    task.preCommit(Map.of());
    assertThat(LogFilesRead.rolled(dir)).isEmpty();
    assertThat(Files.exists(dir.resolve("audit"))).isEqualTo(!LogFilesRead.files(dir).isEmpty());
  }

  @Test
  void shouldDeleteTheOldestFirstAndKeepWhatFitsEachLimit() {
    // given five rolled files of 100 bytes, rolled an hour apart
    Instant now = Instant.parse("2026-12-02T10:00:00Z");
    List<Retention.Rolled> files = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      files.add(
          new Retention.Rolled(Path.of("f" + i), i * 10, 100, now.minusSeconds(3600L * (5 - i))));
    }

    // then each limit deletes the oldest files until it is met
    assertThat(new Retention(2, 0, Duration.ZERO).expired(files, now))
        .extracting(Retention.Rolled::first)
        .containsExactly(0L, 10L, 20L);
    assertThat(new Retention(0, 250, Duration.ZERO).expired(files, now)).hasSize(3);
    assertThat(new Retention(0, 0, Duration.ofHours(3)).expired(files, now))
        .extracting(Retention.Rolled::first)
        .containsExactly(0L, 10L, 20L);
    assertThat(new Retention(0, 0, Duration.ZERO).expired(files, now)).isEmpty();
  }

  private LogSinkTask task(Map<String, String> props) {
    Map<String, String> all = new HashMap<>(props);
    all.put(LogSinkConfig.DIRECTORY_CONFIG, dir.toString());
    LogSinkTask task = new LogSinkTask(clock, Rolls.Hooks.NONE);
    task.initialize(new FakeContext());
    task.start(all);
    task.open(List.of(TP));
    return task;
  }

  private static List<SinkRecord> events(int from, int to) {
    List<SinkRecord> records = new ArrayList<>();
    for (int i = from; i < to; i++) {
      records.add(Events.structured(TP, i, "e" + i, Events.DAY));
    }
    return records;
  }
}
