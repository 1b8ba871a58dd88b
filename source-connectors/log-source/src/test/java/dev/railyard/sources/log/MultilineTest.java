package dev.railyard.sources.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Java stack traces as multi-line events, through a kill and a rotation. */
class MultilineTest {

  private static final String CONTINUE = "^(\\s|Caused by: |[\\w.]+(Exception|Error))";

  @TempDir Path dir;

  static String trace(int n) {
    return """
        %08d ERROR request failed
        java.lang.IllegalStateException: boom %d
        \tat dev.example.Service.handle(Service.java:42)
        \tat dev.example.Server.run(Server.java:7)
        Caused by: java.io.IOException: closed
        \tat dev.example.Db.query(Db.java:99)
        \t... 2 more
        """
        .formatted(n, n);
  }

  private TaskDriver driver(Path log, Map<String, String> extra) {
    Map<String, String> props = new HashMap<>(RotationTest.props(log));
    props.put(EventKeys.MULTILINE_START_CONFIG, "^\\d{8} ");
    props.putAll(extra);
    return new TaskDriver(props, true, 100);
  }

  @Test
  void shouldSendEachStackTraceAsOneEventThroughAKillAndARotation() throws Exception {
    // given three stack traces in a log
    Path log = dir.resolve("app.log");
    try (TaskDriver driver = driver(log, Map.of())) {
      Files.writeString(log, trace(0) + trace(1) + trace(2));
      driver.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> driver.sent().size() >= 3);

      // when the worker dies, two more are written, and the log is rotated
      driver.kill();
      Files.writeString(log, trace(3) + trace(4), StandardOpenOption.APPEND);
      new Logrotate(log, Logrotate.Mode.CREATE).rotate();
      Files.writeString(log, trace(5));

      // then each trace is one event of seven lines, once, the last sent after the timeout
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(driver.sent())
                      .extracting(e -> e.path("data").asText().lines().findFirst().orElse(""))
                      .hasSizeGreaterThanOrEqualTo(6));
      List<JsonNode> sent = driver.sent();
      assertThat(sent).hasSize(6);
      for (int n = 0; n < 6; n++) {
        assertThat(sent.get(n).path("data").asText() + "\n").isEqualTo(trace(n));
      }
    }
  }

  @Test
  void shouldJoinContinuationLinesAndCutAtMaxLines() throws Exception {
    // given a continue pattern and at most four lines per event
    Path log = dir.resolve("app.log");
    try (TaskDriver driver =
        driver(
            log,
            Map.of(
                EventKeys.MULTILINE_START_CONFIG, "",
                EventKeys.MULTILINE_CONTINUE_CONFIG, CONTINUE,
                EventKeys.MULTILINE_MAX_LINES_CONFIG, "4"))) {
      // when a trace of seven lines is read
      Files.writeString(log, trace(0));
      driver.start();

      // then it is two events, of four and of three lines
      await().atMost(Duration.ofSeconds(10)).until(() -> driver.sent().size() >= 2);
      List<String> texts = driver.sent().stream().map(e -> e.path("data").asText()).toList();
      assertThat(texts).hasSize(2);
      assertThat(texts.get(0).lines()).hasSize(4);
      assertThat(texts.get(1).lines()).hasSize(3).first().asString().startsWith("Caused by");
    }
  }
}
