package dev.railyard.sources.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.sources.log.Logrotate.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cases other tailers get wrong: copytruncate with a restart (beats#45300), a file truncated
 * and rewritten past the old position (vector#23619), files smaller than the fingerprint, a partial
 * last line over a restart (fluent-bit#2846), a 1 MB line, new files found by events.
 */
class EdgeCasesTest {

  @TempDir Path dir;

  private Path log;

  private TaskDriver driver(Map<String, String> extra) {
    log = dir.resolve("app.log");
    Map<String, String> props = new HashMap<>(RotationTest.props(log));
    props.putAll(extra);
    return new TaskDriver(props, true, 100);
  }

  private void append(int from, int to) throws Exception {
    StringBuilder lines = new StringBuilder();
    IntStream.range(from, to).forEach(n -> lines.append(LogWriter.line(n)));
    append(lines.toString());
  }

  private void append(String text) throws Exception {
    Files.writeString(log, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static void awaitLines(TaskDriver driver, int count) {
    await(count + " lines sent")
        .atMost(Duration.ofSeconds(15))
        .until(() -> Numbers.inEvents(driver.sent()).size() >= count);
  }

  @Test
  void shouldLoseNoneOf150LinesWithCopytruncateAndARestart() throws Exception {
    // given 50 lines read, the task stopped, 100 more written and the file copytruncated
    try (TaskDriver driver = driver(Map.of())) {
      append(0, 50);
      driver.start();
      awaitLines(driver, 50);
      driver.stop();
      append(50, 150);
      new Logrotate(log, Mode.COPYTRUNCATE).rotate();

      // when the task starts again
      driver.start();

      // then all 150 lines arrive, each once
      awaitLines(driver, 150);
      assertThat(Numbers.inEvents(driver.sent())).containsExactlyElementsOf(range(0, 150));
    }
  }

  @Test
  void shouldNeitherRepeatNorLoseWhenATruncatedFileIsRewrittenPastTheOldPosition()
      throws Exception {
    // given 100 lines read, then copytruncate and 300 lines written while the task is stopped
    try (TaskDriver driver = driver(Map.of())) {
      append(0, 100);
      driver.start();
      awaitLines(driver, 100);
      driver.stop();
      new Logrotate(log, Mode.COPYTRUNCATE).rotate();
      append(100, 400);

      // when the task starts again
      driver.start();

      // then the new file is read from its start, and nothing twice
      awaitLines(driver, 400);
      assertThat(Numbers.inEvents(driver.sent())).containsExactlyElementsOf(range(0, 400));
    }
  }

  @Test
  void shouldReadFilesSmallerThanTheFingerprintAtOnceAndThroughRotation() throws Exception {
    // given a file of five lines, under 1 KB
    try (TaskDriver driver = driver(Map.of())) {
      append(0, 5);
      assertThat(Files.size(log)).isLessThan(1024);

      // when it is read, grows a little, is rotated by copytruncate during a stop, and grows
      driver.start();
      awaitLines(driver, 5);
      append(5, 8);
      awaitLines(driver, 8);
      driver.stop();
      append(8, 10);
      new Logrotate(log, Mode.COPYTRUNCATE).rotate();
      append(10, 12);
      driver.start();

      // then every line arrives once
      awaitLines(driver, 12);
      assertThat(Numbers.inEvents(driver.sent())).containsExactlyElementsOf(range(0, 12));
    }
  }

  @Test
  void shouldSendAPartialLastLineOnceItEndsEvenOverARestart() throws Exception {
    // given a line whose end is not written yet
    try (TaskDriver driver = driver(Map.of())) {
      append(0, 3);
      append("00000003 half");
      driver.start();
      awaitLines(driver, 3);

      // when the worker dies, and the line then ends
      driver.kill();
      append(" and the rest\n");
      append(4, 5);

      // then it arrives whole, once
      awaitLines(driver, 5);
      List<String> texts = driver.sent().stream().map(e -> e.path("data").asText()).toList();
      assertThat(texts).contains("00000003 half and the rest");
      assertThat(Numbers.inEvents(driver.sent())).containsExactlyElementsOf(range(0, 5));
    }
  }

  @Test
  void shouldSendAPartialLastLineOnceItsFileIsRotatedAway() throws Exception {
    // given a last line without its end
    try (TaskDriver driver = driver(Map.of())) {
      append(0, 2);
      append("00000002 never ended");
      driver.start();
      awaitLines(driver, 2);

      // when the file is rotated by rename and a new one is written
      new Logrotate(log, Mode.CREATE).rotate();
      append(3, 4);

      // then the partial line arrives as it is, before the new file's line
      awaitLines(driver, 4);
      assertThat(Numbers.inEvents(driver.sent())).containsExactly(0, 1, 2, 3);
    }
  }

  @Test
  void shouldReadA1MbLineWholeAndCutALongerOneWithAFlagWithoutStalling() throws Exception {
    // given a 1 MB line, a 3 MB line and a short one, with lines of up to 2 MiB
    try (TaskDriver driver =
        driver(Map.of(LogSourceConfig.LINE_MAX_BYTES_CONFIG, Integer.toString(2 << 20)))) {
      append("00000000 " + "a".repeat(1 << 20) + "\n");
      append("00000001 " + "b".repeat(3 << 20) + "\n");
      append(2, 3);

      // when they are read
      driver.start();
      awaitLines(driver, 3);

      // then the first is whole, the second cut at 2 MiB and flagged, the third follows
      List<JsonNode> sent = driver.sent();
      assertThat(sent.get(0).path("data").asText()).hasSize(9 + (1 << 20));
      assertThat(sent.get(0).has("truncated")).isFalse();
      assertThat(sent.get(1).path("data").asText()).hasSize(2 << 20);
      assertThat(sent.get(1).path("truncated").asBoolean()).isTrue();
      assertThat(Numbers.inEvents(sent)).containsExactly(0, 1, 2);
    }
  }

  @Test
  void shouldFindANewFileByItsFileSystemEventBeforeTheNextRescan() throws Exception {
    // given a task on *.log but debug*.log that rescans only every minute, already reading one file
    Path other = dir.resolve("other.log");
    try (TaskDriver driver =
        driver(
            Map.of(
                LogSourceConfig.PATHS_CONFIG,
                dir.resolve("*.log").toString(),
                LogSourceConfig.EXCLUDE_CONFIG,
                dir.resolve("debug*.log").toString(),
                LogSourceConfig.RESCAN_INTERVAL_MS_CONFIG,
                "60000"))) {
      append(0, 1);
      driver.start();
      awaitLines(driver, 1);

      // when an excluded file appears, then another one
      Files.writeString(dir.resolve("debug-1.log"), LogWriter.line(99));
      Files.writeString(other, LogWriter.line(1));

      // then the other's line arrives within seconds, and nothing of the excluded one
      awaitLines(driver, 2);
      assertThat(driver.sent().get(1).path("source").asText()).isEqualTo(other.toUri().toString());
      assertThat(Numbers.inEvents(driver.sent())).containsExactly(0, 1);
    }
  }

  @Test
  void shouldStartAtTheEndOfTheLastLineWithStartAtEnd() throws Exception {
    // given a file of three lines and a partial one, and a task starting at the end
    try (TaskDriver driver = driver(Map.of(LogSourceConfig.START_AT_CONFIG, "end"))) {
      append(0, 3);
      append("00000003 par");
      driver.start();

      // when the partial line ends and one more is written
      await("the task started")
          .atMost(Duration.ofSeconds(10))
          .until(() -> driver.bytesBehind() == 12);
      append("tial\n");
      append(4, 5);

      // then only these two arrive
      awaitLines(driver, 2);
      assertThat(Numbers.inEvents(driver.sent())).containsExactly(3, 4);
    }
  }

  static List<Integer> range(int from, int to) {
    return IntStream.range(from, to).boxed().toList();
  }
}
