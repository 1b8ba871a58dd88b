package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.railyard.host.config.LimitsConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded broker's disk filling up mid-stream: its data on a small tmpfs of its own, filled by
 * another file. PutEvents answers 503 while the disk lacks the reserve, nothing it acknowledged is
 * lost, and it takes events again by itself once the file is gone. Needs {@code mount -t tmpfs}
 * (root, as here and in CI); skipped where it is not permitted.
 */
class DiskFullIT {

  private static final long DISK = 160L << 20;
  private static final long RESERVE = 48L << 20;

  private static Path dir;
  private static Path disk;
  private static Platform platform;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    dir = TestPlatforms.tempDir();
    disk = dir.resolve("railyard/kafka");
    Files.createDirectories(disk);
    String refusal = run("mount", "-t", "tmpfs", "-o", "size=" + DISK, "tmpfs", disk.toString());
    if (refusal != null) {
      TestPlatforms.delete(dir);
    }
    Assumptions.assumeTrue(
        refusal == null, "a tmpfs for the broker's disk could not be mounted: " + refusal);
    platform =
        TestPlatforms.start(
            dir.resolve("railyard"),
            1,
            Map.of(LimitsConfig.DISK_RESERVE_CONFIG, String.valueOf(RESERVE)));
    api = new ApiClient(platform);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (platform != null) {
        platform.close();
      }
    } finally {
      if (disk != null && Files.exists(disk)) {
        run("umount", "-l", disk.toString());
      }
      if (dir != null) {
        TestPlatforms.delete(dir);
      }
    }
  }

  @Test
  void shouldAnswer503WhileTheBrokersDiskIsFullLoseNothingAndRecoverWhenSpaceReturns()
      throws Exception {
    // given a rule whose target is a file off the small disk, and events flowing in
    Path file = dir.resolve("railyard/disk-full.jsonl");
    CountedStream.applyFileRule(api, "disk-full", "disk-full", file);
    Path filler = disk.resolve("filler");
    CountedStream.Tally tally;
    try (CountedStream stream = new CountedStream(() -> api, "disk-full", 100_000, 20, 100)) {
      stream.awaitAcknowledged(600, Duration.ofSeconds(60));

      // when another file takes the disk down to less than the reserve
      long usable = Files.getFileStore(disk).getUsableSpace();
      fill(filler, usable - RESERVE / 2);

      // then PutEvents answers 503, saying why
      await("PutEvents refused with 503")
          .atMost(Duration.ofSeconds(30))
          .until(() -> stream.statuses().getOrDefault(503, 0) >= 5);
      ApiClient.Response refused = api.post("/api/v1/events", one());
      assertThat(refused.status()).as(refused.body()).isEqualTo(503);
      assertThat(refused.json().at("/error/message").asText())
          .contains("disk")
          .contains(LimitsConfig.DISK_RESERVE_CONFIG);

      // and once the file is gone it takes events again by itself
      int before = stream.acknowledged().size();
      Files.delete(filler);
      stream.awaitAcknowledged(before + 600, Duration.ofSeconds(60));
      tally = stream.stopAndSettle("DiskFullIT", file);
    }

    // and nothing acknowledged was lost
    assertThat(tally.lost()).as(tally.toString()).isZero();
    assertThat(tally.duplicates()).as(tally.toString()).isLessThanOrEqualTo(1000);
    assertThat(api.get("/health").status()).isEqualTo(200);
  }

  private static String one() {
    return "[{\"bus\":\"disk-full\",\"source\":\"faults\",\"type\":\"probe\"}]";
  }

  /** Writes {@code bytes} of zeros, for real (a sparse file would take no space on tmpfs). */
  private static void fill(Path file, long bytes) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
    try (FileChannel out =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (long written = 0; written < bytes; ) {
        chunk.clear().limit((int) Math.min(chunk.capacity(), bytes - written));
        written += out.write(chunk);
      }
    }
  }

  /** Runs a command; null when it succeeded, else its output. */
  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return String.join(" ", command) + " did not finish";
    }
    return p.exitValue() == 0 ? null : String.join(" ", command) + ": " + output.strip();
  }
}
