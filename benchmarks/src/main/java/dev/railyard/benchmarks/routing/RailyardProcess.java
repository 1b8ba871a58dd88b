package dev.railyard.benchmarks.routing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * Railyard started as {@code ./railyard up} starts it: the control plane's jar in a JVM of its own
 * (its embedded broker inside, its Connect workers as child JVMs), with a data directory and ports
 * of its own, the autoscaler off so that the worker count stays what the benchmark says. Talks to
 * it over its API with the admin token the first start writes. Not thread-safe.
 */
final class RailyardProcess implements AutoCloseable {

  private static final Duration START = Duration.ofMinutes(3);

  private final Process process;
  private final Path dataDir;
  private final int httpPort;
  private final int brokerPort;
  private final HttpClient http = HttpClient.newHttpClient();
  private String token;

  private RailyardProcess(Process process, Path dataDir, int httpPort, int brokerPort) {
    this.process = process;
    this.dataDir = dataDir;
    this.httpPort = httpPort;
    this.brokerPort = brokerPort;
  }

  /**
   * Starts {@code jar} with {@code workers} workers and buses of {@code partitions} partitions, the
   * flags given and the control plane's JVM options given (beside its heap), its output in {@code
   * dataDir/railyard.log}, and waits until it answers and a worker runs.
   */
  static RailyardProcess start(
      Path jar,
      Path dataDir,
      int workers,
      int partitions,
      List<String> extraFlags,
      List<String> jvmOptions)
      throws IOException, InterruptedException {
    Files.createDirectories(dataDir);
    int httpPort = freePort();
    int brokerPort = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx1g", "-XX:+ExitOnOutOfMemoryError"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", jar.toString()));
    command.addAll(
        List.of(
            "dev.railyard.host.Main",
            "up",
            "--data-dir",
            dataDir.toString(),
            "--http-port",
            String.valueOf(httpPort),
            "--broker-port",
            String.valueOf(brokerPort),
            "--workers",
            String.valueOf(workers),
            "--bus-partitions",
            String.valueOf(partitions),
            "--autoscale-enabled",
            "false"));
    command.addAll(extraFlags);
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dataDir.resolve("railyard.log").toFile())
            .start();
    RailyardProcess railyard = new RailyardProcess(p, dataDir, httpPort, brokerPort);
    try {
      railyard.awaitReady();
    } catch (RuntimeException e) {
      railyard.close();
      throw e;
    }
    return railyard;
  }

  private void awaitReady() {
    Path tokenFile = dataDir.resolve("admin.token");
    Awaitility.await(
            "railyard up (its API and a Connect worker answering); see "
                + dataDir
                + "/railyard.log")
        .atMost(START)
        .pollInterval(Duration.ofMillis(500))
        .failFast("railyard exited; see " + dataDir + "/railyard.log", () -> !process.isAlive())
        .until(
            () -> {
              if (token == null && Files.exists(tokenFile)) {
                token = Files.readString(tokenFile).strip();
              }
              return token != null && answers();
            });
  }

  /** The API is up and Connect's REST API answers, which it does once a worker joined. */
  private boolean answers() throws InterruptedException {
    try {
      return get("/health").statusCode() == 200
          && connect("GET", "/connectors", null).statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    }
  }

  /** The embedded broker, for the benchmark's own producer and consumer. */
  String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  /** CPU time used so far by the control plane and every worker JVM it launched, in ns. */
  long cpuNanos() {
    long total = cpu(process.toHandle());
    for (ProcessHandle child : process.descendants().toList()) {
      total += cpu(child);
    }
    return total;
  }

  private static long cpu(ProcessHandle p) {
    return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).GET(), "Bearer " + token);
  }

  HttpResponse<String> post(String path, String contentType, String body)
      throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)),
        "Bearer " + token);
  }

  /** Kafka Connect's own REST API, through Railyard's {@code /connect} pass-through. */
  HttpResponse<String> connect(String method, String path, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri("/connect" + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    String basic =
        Base64.getEncoder().encodeToString(("admin:" + token).getBytes(StandardCharsets.UTF_8));
    return send(b, "Basic " + basic);
  }

  private HttpResponse<String> send(HttpRequest.Builder b, String authorization)
      throws IOException, InterruptedException {
    return http.send(
        b.header("Authorization", authorization).timeout(Duration.ofSeconds(120)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + httpPort + path);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Stops the control plane (which stops its workers) and waits for every JVM to be gone. */
  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    process.destroy();
    if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    all.forEach(ProcessHandle::destroyForcibly);
  }
}
