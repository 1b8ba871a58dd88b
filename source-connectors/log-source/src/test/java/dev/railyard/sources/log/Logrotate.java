package dev.railyard.sources.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real logrotate (/usr/sbin/logrotate) on one log file, with its own state file and config,
 * forced ({@code -f}): no root, no cron.
 */
final class Logrotate {

  static final Path BINARY = Path.of("/usr/sbin/logrotate");

  /** The ways of rotating the tests run. */
  enum Mode {
    CREATE("create"),
    COPYTRUNCATE("copytruncate"),
    COPYTRUNCATE_DELAYCOMPRESS("copytruncate\n  compress\n  delaycompress"),
    COMPRESS("create\n  compress");

    final String directives;

    Mode(String directives) {
      this.directives = directives;
    }
  }

  private final Path config;
  private final Path state;

  Logrotate(Path log, Mode mode) throws IOException {
    Path dir = log.getParent();
    this.config = dir.resolve("logrotate.conf.d").resolve("app.conf");
    this.state = dir.resolve("logrotate.conf.d").resolve("state");
    Files.createDirectories(config.getParent());
    Files.writeString(
        config,
        "%s {\n  %s\n  rotate 100\n  missingok\n  notifempty\n}\n".formatted(log, mode.directives));
  }

  /** Starts a rotation; the caller waits for it. */
  Process start() throws IOException {
    return new ProcessBuilder(
            List.of(BINARY.toString(), "-s", state.toString(), "-f", config.toString()))
        .redirectErrorStream(true)
        .start();
  }

  /** Rotates now and waits until it is done; fails on an error of logrotate's. */
  void rotate() throws IOException, InterruptedException {
    await(start());
  }

  static void await(Process p) throws IOException, InterruptedException {
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("logrotate finished").isTrue();
    String output;
    try (InputStream in = p.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(p.exitValue()).as("logrotate: " + output).isZero();
  }
}
