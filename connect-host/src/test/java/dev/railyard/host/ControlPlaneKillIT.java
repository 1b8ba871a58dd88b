package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The control plane killed with SIGKILL mid-stream and started again on the same data, on a cluster
 * of three brokers: events acknowledged before the kill and after the restart all reach the target;
 * those put while it was down are refused, not lost silently.
 */
class ControlPlaneKillIT {

  private static Path dir;
  private static ThreeBrokers cluster;
  private static ControlPlaneProcess railyard;

  @BeforeAll
  static void start() {
    dir = TestPlatforms.tempDir();
    cluster = ThreeBrokers.start(dir.resolve("kafka"));
    Map<String, String> settings = new HashMap<>();
    settings.put("bootstrap.servers", cluster.bootstrapServers());
    settings.put("workers", "1");
    settings.put("workers.jvm.options", TestPlatforms.WORKER_JVM_OPTIONS);
    settings.put("autoscale.enabled", "false");
    settings.put("http.rate.limit.events.per.second", "0");
    settings.put("http.rate.limit.writes.per.second", "0");
    settings.put("events.max.entries", "1000");
    settings.put("files.dir", dir.resolve("railyard").toString());
    railyard = new ControlPlaneProcess(dir.resolve("railyard"), settings);
    try {
      railyard.start();
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      railyard.close();
    } finally {
      cluster.close();
      TestPlatforms.delete(dir);
    }
  }

  @Test
  void shouldLoseNoAcknowledgedEventWhenTheControlPlaneIsKilledMidStream() throws Exception {
    // given a rule whose target is a file, and events flowing in at 200 a second
    Path file = dir.resolve("railyard/control-plane-kill.jsonl");
    CountedStream.applyFileRule(railyard.api(), "cp-kill", "cp-kill", file);
    CountedStream.Tally tally;
    try (CountedStream stream = new CountedStream(railyard::api, "cp-kill", 100_000, 20, 100)) {
      // when the control plane dies with SIGKILL mid-stream, and is started again
      stream.awaitAcknowledged(800, Duration.ofSeconds(60));
      railyard.kill();
      int beforeRestart = stream.acknowledged().size();
      railyard.start();
      stream.awaitAcknowledged(beforeRestart + 1600, Duration.ofSeconds(120));
      tally = stream.stopAndSettle("ControlPlaneKillIT", file);
    }

    // then nothing acknowledged was lost, and few came twice
    assertThat(tally.lost()).as(tally.toString()).isZero();
    assertThat(tally.duplicates()).as(tally.toString()).isLessThanOrEqualTo(2000);
  }
}
