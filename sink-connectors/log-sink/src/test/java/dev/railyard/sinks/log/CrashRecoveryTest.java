package dev.railyard.sinks.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sink dies at every point that matters, and a new task takes over from what was committed:
 * every event is in the files exactly once, whatever the crash cut short.
 */
class CrashRecoveryTest {

  private static final TopicPartition P0 = new TopicPartition("railyard.bus.pods", 0);
  private static final TopicPartition P1 = new TopicPartition("railyard.bus.pods", 1);
  private static final int EVENTS = 300;

  @TempDir Path dir;

  private final Clock clock = Clock.fixed(Instant.parse("2026-12-02T00:00:00Z"), ZoneOffset.UTC);

  /** A thrown error that no code of the sink catches: the JVM stops there. */
  static final class Crash extends Error {
    Crash(String point) {
      super("crashed at " + point);
    }
  }

  @Test
  void shouldWriteEachEventOnceWhenTheTaskDiesMidBatch() {
    // given a task that wrote and committed some events, then wrote more
    FakeConnect connect = connect("gzip");
    connect.start(clock);
    connect.deliver(40);
    connect.commit();
    connect.deliver(40);
    connect.deliver(25);

    // when it dies before the next commit, and a new task takes over
    connect.crash();
    connect.start(clock);
    connect.deliverAll(30);
    connect.stop();

    // then every event is in the files once
    assertExactlyOnce();
  }

  @Test
  void shouldWriteEachEventOnceWhenTheTaskDiesAfterItsCommitPointBeforeConnectCommits() {
    // given a task whose files and checkpoint are durable, but whose offsets Connect never got
    FakeConnect connect = connect("zstd");
    connect.start(clock);
    connect.deliver(50);
    connect.commit();
    connect.deliver(50);
    connect.commitWithoutKeeping();
    connect.crash();

    // when a new task resumes where Connect committed (not where the files say), which is earlier
    connect.start(clock, Rolls.Hooks.NONE, true);
    connect.deliverAll(30);
    connect.stop();

    // then the events handed again are passed over: each is in the files once
    assertExactlyOnce();
  }

  @Test
  void shouldCutTheOpenFilesBackToTheCheckpointWhenATaskTakesOver() {
    // given a task that committed 100 events of each partition, then wrote 150 more to disk
    FakeConnect connect = connect("gzip", "10000000");
    connect.start(clock);
    connect.deliver(100);
    connect.commit();
    connect.deliver(150);
    long onDisk = LogFilesRead.files(dir).stream().mapToLong(f -> f.toFile().length()).sum();

    // when it dies and a new task opens the partitions
    connect.crash();
    connect.start(clock);

    // then the files hold the 100 committed events of each, once, and the new task resumes there
    assertThat(LogFilesRead.files(dir).stream().mapToLong(f -> f.toFile().length()).sum())
        .isLessThan(onDisk);
    Map<String, Integer> counts = LogFilesRead.idCounts(dir);
    assertThat(counts).hasSize(200).allSatisfy((id, n) -> assertThat(n).as(id).isOne());
    assertThat(connect.context().offsets).containsEntry(P0, 100L).containsEntry(P1, 100L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"synced", "checkpointed", "compressed", "renamed"})
  void shouldWriteEachEventOnceWhenTheTaskDiesDuringARoll(String point) {
    // given files small enough that each commit rolls some of them
    FakeConnect connect = connect("gzip");
    Rolls.Hooks dies =
        new Rolls.Hooks() {
          int seen;

          @Override
          public void at(String p) {
            if (p.equals(point) && ++seen == 3) {
              throw new Crash(p);
            }
          }
        };
    connect.start(clock, dies, false);

    // when the task dies at that point of its third roll
    assertThatThrownBy(
            () -> {
              for (int i = 0; i < 20; i++) {
                connect.deliver(20);
                connect.commit();
              }
            })
        .isInstanceOf(Crash.class);
    connect.crash();

    // and a new task takes over from what Connect committed
    connect.start(clock, Rolls.Hooks.NONE, true);
    connect.deliverAll(25);
    connect.stop();

    // then every event is in the files once, and the files rolled are whole
    assertExactlyOnce();
    assertThat(LogFilesRead.rolled(dir)).hasSizeGreaterThan(3);
  }

  @Test
  void shouldWriteEachEventOnceAcrossRepeatedCrashes() {
    // given a task that dies again and again, at different places of its batches
    FakeConnect connect = connect("none");
    connect.start(clock);
    for (int round = 0; round < 6; round++) {
      // when it writes, sometimes commits, and dies
      connect.deliver(17 + round);
      if (round % 2 == 0) {
        connect.commit();
      }
      connect.deliver(11);
      connect.crash();
      connect.start(clock, Rolls.Hooks.NONE, round % 3 == 0);
    }
    connect.deliverAll(40);
    connect.stop();

    // then every event is in the files once
    assertExactlyOnce();
  }

  @Test
  void shouldWriteAnEventRepeatedUpstreamAtALaterOffsetOnceAcrossACrash() {
    // given a partition whose events 120 to 199 come again at later offsets, as a router that died
    // routes again what it had not committed
    List<SinkRecord> records = new java.util.ArrayList<>();
    int[] ids = new int[380];
    for (int i = 0; i < 380; i++) {
      ids[i] = i < 200 ? i : i - 80;
    }
    for (int offset = 0; offset < ids.length; offset++) {
      records.add(
          Events.structured(
              P0, offset, "e" + ids[offset], Events.DAY.plusSeconds(offset % 2 * 86_400L)));
    }
    FakeConnect connect =
        new FakeConnect(
            Map.of(P0, records),
            Map.of(
                LogSinkConfig.DIRECTORY_CONFIG,
                dir.toString(),
                LogSinkConfig.ROLL_BYTES_CONFIG,
                "2000"));

    // when the sink dies after committing the first 150 and writing more, and a task takes over
    connect.start(clock);
    connect.deliver(150);
    connect.commit();
    connect.deliver(70);
    connect.crash();
    connect.start(clock, Rolls.Hooks.NONE, true);
    connect.deliverAll(60);
    connect.stop();

    // then each of the 300 events is in the files once
    Map<String, Integer> counts = LogFilesRead.idCounts(dir);
    assertThat(counts.entrySet().stream().filter(e -> e.getValue() > 1)).isEmpty();
    assertThat(counts).hasSize(300);
  }

  private FakeConnect connect(String compression) {
    return connect(compression, "2000");
  }

  private FakeConnect connect(String compression, String rollBytes) {
    Map<TopicPartition, List<SinkRecord>> topic = new LinkedHashMap<>();
    topic.put(P0, Events.stream(P0, EVENTS));
    topic.put(P1, Events.stream(P1, EVENTS));
    return new FakeConnect(
        topic,
        Map.of(
            LogSinkConfig.DIRECTORY_CONFIG,
            dir.toString(),
            LogSinkConfig.ROLL_BYTES_CONFIG,
            rollBytes,
            LogSinkConfig.COMPRESSION_CONFIG,
            compression));
  }

  private void assertExactlyOnce() {
    Map<String, Integer> counts = LogFilesRead.idCounts(dir);
    assertThat(counts.entrySet().stream().filter(e -> e.getValue() > 1))
        .as("events in the files more than once")
        .isEmpty();
    assertThat(counts).hasSize(2 * EVENTS);
  }
}
