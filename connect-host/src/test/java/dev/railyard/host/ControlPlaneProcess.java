package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A Railyard control plane as {@code railyard up} runs it: the built {@code
 * connect-host/target/railyard.jar} in a JVM of its own, its settings in {@code
 * railyard.properties} of its working folder, its workers its child JVMs. It can be killed with
 * SIGKILL and started again on the same data. Not thread-safe.
 */
final class ControlPlaneProcess implements AutoCloseable {

  private static final Path JAR = Path.of("target/railyard.jar").toAbsolutePath();

  private final Path workDir;
  private final int httpPort;
  private Process process;
  private volatile ApiClient api;

  /** Writes the settings into {@code workDir}; starts nothing yet. */
  ControlPlaneProcess(Path workDir, Map<String, String> settings) {
    assertThat(JAR).as("the built control plane (mvn package)").exists();
    this.workDir = workDir;
    this.httpPort = dev.railyard.embedded.broker.EmbeddedBroker.freePort("127.0.0.1");
    Properties p = new Properties();
    p.putAll(settings);
    p.put("http.port", String.valueOf(httpPort));
    p.put("data.dir", workDir.resolve("data").toString());
    try {
      Files.createDirectories(workDir);
      try (OutputStream out = Files.newOutputStream(workDir.resolve("railyard.properties"))) {
        p.store(out, "ControlPlaneProcess");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path dataDir() {
    return workDir.resolve("data");
  }

  /** Starts {@code railyard up} and waits until its API answers and a worker runs. */
  void start() {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-jar",
            JAR.toString(),
            "up");
    try {
      process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("up.log").toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start railyard up", e);
    }
    Path tokenFile = dataDir().resolve("admin.token");
    await("railyard up answering, a worker running; see " + workDir.resolve("up.log"))
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(500))
        .failFast("railyard up exited; see " + workDir.resolve("up.log"), () -> !process.isAlive())
        .ignoreExceptions()
        .until(
            () -> {
              ApiClient client =
                  new ApiClient(
                      "http://127.0.0.1:" + httpPort, Files.readString(tokenFile).strip());
              boolean ready =
                  client.get("/health").status() == 200
                      && client.get("/connect/connectors").status() == 200;
              if (ready) {
                api = client;
              }
              return ready;
            });
  }

  /** The API of the running control plane. */
  ApiClient api() {
    return api;
  }

  /**
   * Kills the control plane with SIGKILL and waits until it and every worker JVM it had started are
   * gone (a worker stops when its parent dies).
   */
  void kill() throws InterruptedException {
    List<ProcessHandle> workers = process.descendants().toList();
    assertThat(workers).as("worker JVMs of the control plane").isNotEmpty();
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("control plane gone").isTrue();
    assertThat(process.exitValue()).as("exit status: killed by SIGKILL").isEqualTo(137);
    await("the workers of the killed control plane stopped")
        .atMost(Duration.ofSeconds(60))
        .until(() -> workers.stream().noneMatch(ProcessHandle::isAlive));
  }

  /** Stops the control plane (SIGTERM, its workers with it) and anything left of it. */
  @Override
  public void close() throws InterruptedException {
    if (process == null) {
      return;
    }
    List<ProcessHandle> all = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    all.forEach(ProcessHandle::destroyForcibly);
  }
}
