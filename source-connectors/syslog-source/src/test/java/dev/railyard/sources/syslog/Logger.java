package dev.railyard.sources.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs util-linux's {@code logger}, the real syslog client, against a local port. */
final class Logger {

  private Logger() {}

  /** Sends one message with {@code logger --server 127.0.0.1 --port <port>} and these options. */
  static void send(int port, String... options) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("logger", "--server", "127.0.0.1"));
    command.add("--port");
    command.add(Integer.toString(port));
    command.addAll(List.of(options));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("logger ended").isTrue();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
  }
}
