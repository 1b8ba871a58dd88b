package dev.railyard.sources.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.railyard.sources.log.Logrotate.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real logrotate on a log written at a steady rate while a real task reads it: every way of
 * rotating, with no restart, with the worker killed (kill -9) during the rotation, and with a
 * restart after it; at least once and exactly once. Every line that was on disk (in the live file
 * or a copy) arrives; lines copytruncate itself lost (written between its copy and its truncate)
 * are reported apart. Repeats happen only when a worker dies without exactly once.
 */
class RotationTest {

  enum Restart {
    NONE,
    KILL_DURING_ROTATION,
    RESTART_AFTER
  }

  @TempDir Path dir;

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> cases = Stream.builder();
    for (Mode mode : Mode.values()) {
      for (Restart restart : Restart.values()) {
        cases.add(Arguments.of(mode, restart, false));
        cases.add(Arguments.of(mode, restart, true));
      }
    }
    return cases.build();
  }

  static Map<String, String> props(Path log) {
    return Map.of(
        "name",
        "rotation-test",
        LogSourceConfig.PATHS_CONFIG,
        log.toString(),
        LogSourceConfig.POLL_WAIT_MS_CONFIG,
        "50",
        LogSourceConfig.RESCAN_INTERVAL_MS_CONFIG,
        "200",
        LogSourceConfig.ROTATION_DRAIN_MS_CONFIG,
        "500",
        LogSourceConfig.PARTIAL_LINE_TIMEOUT_MS_CONFIG,
        "0",
        LogSourceConfig.BATCH_MAX_RECORDS_CONFIG,
        "200");
  }

  @ParameterizedTest(name = "{0}, {1}, exactly once: {2}")
  @MethodSource("cases")
  void shouldLoseNoLineThatWasOnDisk(Mode mode, Restart restart, boolean exactlyOnce)
      throws Exception {
    // given a log written at 2000 lines a second and a task reading it
    Path log = dir.resolve("app.log");
    Logrotate logrotate = new Logrotate(log, mode);
    LogWriter writer = LogWriter.start(log, 2000);
    try (TaskDriver driver = new TaskDriver(props(log), exactlyOnce, 100).start()) {
      // when it is rotated twice while lines are written, the first time with the restart
      awaitWritten(writer, 400);
      rotateWith(restart, logrotate, driver, writer);
      awaitWritten(writer, writer.written() + 400);
      logrotate.rotate();
      awaitWritten(writer, writer.written() + 400);
      int written = writer.stop();

      // then every line that was on disk arrives
      Set<Integer> onDisk = Numbers.onDisk(log);
      await("every line on disk sent")
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(new HashSet<>(Numbers.inEvents(driver.sent())))
                      .as("lines on disk that were sent")
                      .containsAll(onDisk));
      List<Integer> sent = Numbers.inEvents(driver.sent());
      Set<Integer> distinct = new TreeSet<>(sent);
      Set<Integer> lostByLogrotate = new TreeSet<>();
      for (int n = 0; n < written; n++) {
        if (!onDisk.contains(n)) {
          lostByLogrotate.add(n);
        }
      }
      Set<Integer> lostByConnector = new TreeSet<>(lostByLogrotate);
      lostByConnector.removeAll(distinct);
      int duplicates = sent.size() - distinct.size();
      System.out.printf(
          "rotation %s, %s, exactly once %s: %d written, %d on disk, %d sent, lost by logrotate"
              + " %d (of which the connector still read %d), duplicates %d%n",
          mode,
          restart,
          exactlyOnce,
          written,
          onDisk.size(),
          sent.size(),
          lostByLogrotate.size(),
          lostByLogrotate.size() - lostByConnector.size(),
          duplicates);
      assertThat(distinct).as("only lines that were written").allMatch(n -> n < written);
      if (exactlyOnce || restart != Restart.KILL_DURING_ROTATION) {
        assertThat(duplicates).as("lines sent twice").isZero();
      }
    }
  }

  private static void rotateWith(
      Restart restart, Logrotate logrotate, TaskDriver driver, LogWriter writer) throws Exception {
    switch (restart) {
      case NONE -> logrotate.rotate();
      case KILL_DURING_ROTATION -> {
        Process rotation = logrotate.start();
        driver.kill();
        Logrotate.await(rotation);
      }
      case RESTART_AFTER -> {
        driver.stop();
        logrotate.rotate();
        awaitWritten(writer, writer.written() + 200);
        driver.start();
      }
    }
  }

  static void awaitWritten(LogWriter writer, int lines) {
    await(lines + " lines written")
        .atMost(Duration.ofSeconds(10))
        .until(() -> writer.written() >= lines);
  }
}
