package dev.railyard.sinks.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM writing log files is killed with SIGKILL, three times at different places, and a task takes
 * over each time from what it committed: every event is in the files exactly once.
 */
class KillDashNineTest {

  @TempDir Path dir;

  @Test
  void shouldWriteEveryEventOnceThroughAJvmKilledWhileWriting() throws Exception {
    Path logs = dir.resolve("logs");
    Path committed = dir.resolve("committed-offset");
    for (int kill = 1; kill <= 3; kill++) {
      // given a JVM writing events, 25 to a batch, committing every third batch
      AtomicLong progress = new AtomicLong();
      Process child =
          ChildJvm.start(
              WritingChild.class,
              line -> {
                if (line.startsWith("progress ")) {
                  progress.set(Long.parseLong(line.substring(9)));
                } else {
                  System.out.println("writer: " + line);
                }
              },
              logs.toString(),
              committed.toString());

      // when it is killed with SIGKILL after some hundreds of events, at a place that differs
      long until = 300L + 175L * kill;
      await("the writing JVM past " + until + " events")
          .atMost(Duration.ofSeconds(60))
          .until(() -> progress.get() >= until || !child.isAlive());
      assertThat(child.isAlive()).as("the writer still writing").isTrue();
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).isEqualTo(137); // 128 + SIGKILL
    }

    // then a task that takes over from the committed offset writes the rest
    FakeConnect connect = WritingChild.connect(logs, committed);
    connect.start(Clock.systemUTC());
    connect.deliverAll(100);
    connect.stop();

    // and every event is in the files once
    Map<String, Integer> counts = LogFilesRead.idCounts(logs);
    assertThat(counts.entrySet().stream().filter(e -> e.getValue() > 1))
        .as("events in the files more than once")
        .isEmpty();
    assertThat(counts).hasSize(WritingChild.EVENTS);
    assertThat(LogFilesRead.rolled(logs)).hasSizeGreaterThan(10);
  }

  /** How many events the child says it wrote, read from its output as it goes. */
}
