package dev.railyard.benchmarks.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.awaitility.Awaitility;

/**
 * What idle rules cost one worker, and how long a sleeping target takes to wake: starts Railyard as
 * {@code railyard up} does (one worker), applies N rules at once, each with a FileStreamSink target
 * whose pattern matches nothing that is put, and prints the time the apply took, the time until
 * every target was ready (asleep, or its connector and task RUNNING when targets never sleep), the
 * time until the broker held the logs of every delivery topic, the worker's and control plane's
 * resident memory and threads (highest of 20 one-second samples), and the wake-up time of three
 * targets (PutEvents answered to the event in the target's file).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.railyard.benchmarks.routing.IdleRulesBenchmark \
 *     [rules, default 1000] [data dir] [--no-sleep]
 * </pre>
 *
 * {@code --no-sleep} runs with {@code rules.targets.sleep.after.seconds=0}: every target has its
 * connector, as before targets could sleep.
 */
public final class IdleRulesBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path JAR = Path.of("connect-host/target/railyard.jar");
  private static final String BUS = "idle";

  private IdleRulesBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<String> positional = new ArrayList<>();
    boolean sleep = true;
    for (String a : args) {
      if (a.equals("--no-sleep")) {
        sleep = false;
      } else {
        positional.add(a);
      }
    }
    int rules = positional.isEmpty() ? 1000 : Integer.parseInt(positional.get(0));
    Path dataDir =
        positional.size() > 1
            ? Path.of(positional.get(1))
            : Files.createTempDirectory("railyard-idle-");
    List<String> flags = new ArrayList<>(List.of("--rules-max-per-bus", String.valueOf(rules)));
    if (!sleep) {
      flags.addAll(List.of("--rules-targets-sleep-after-seconds", "0"));
    }
    try (RailyardProcess railyard = RailyardProcess.start(JAR, dataDir, 1, 3, flags, List.of())) {
      Footprint before = Footprint.highest(Duration.ofSeconds(5));
      Path files = dataDir.resolve("files");
      Files.createDirectories(files);
      long start = System.nanoTime();
      HttpResponse<String> applied =
          railyard.post(
              "/api/v1/rules:apply?file=idle.yaml", "application/yaml", rulesFile(rules, files));
      double applySeconds = (System.nanoTime() - start) / 1e9;
      if (applied.statusCode() != 200) {
        throw new IllegalStateException(
            "apply answered " + applied.statusCode() + ": " + applied.body());
      }
      awaitReady(railyard, rules, sleep);
      double readySeconds = (System.nanoTime() - start) / 1e9;
      awaitLogs(railyard, rules);
      double logsSeconds = (System.nanoTime() - start) / 1e9;
      Footprint after = Footprint.highest(Duration.ofSeconds(20));
      List<Double> wakes = new ArrayList<>();
      for (int i : new int[] {7, rules / 2, rules - 1}) {
        wakes.add(wake(railyard, files, i));
      }
      System.out.printf(
          Locale.ROOT,
          "%n| rules | sleep | apply s | all ready s | broker's logs s | worker RSS MB (before) |"
              + " worker threads (before) | control plane RSS MB | wake-up s |%n"
              + "|---:|---|---:|---:|---:|---:|---:|---:|---|%n"
              + "| %d | %s | %.1f | %.1f | %.1f | %d (%d) | %d (%d) | %d | %s |%n",
          rules,
          sleep ? "after 300 s" : "never",
          applySeconds,
          readySeconds,
          logsSeconds,
          after.workerRssMb(),
          before.workerRssMb(),
          after.workerThreads(),
          before.workerThreads(),
          after.controlPlaneRssMb(),
          wakes.stream().map(w -> String.format(Locale.ROOT, "%.1f", w)).toList());
    }
  }

  private static String rulesFile(int rules, Path files) {
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < rules; i++) {
      yaml.append(i == 0 ? "" : "---\n");
      yaml.append(
          """
          apiVersion: railyard/v1
          kind: Rule
          metadata: {name: idle-%1$d}
          spec:
            bus: %2$s
            pattern: {type: ["idle.%1$d"]}
            targets:
              - name: file
                config: {connector.class: FileStreamSink, file: "%3$s"}
          """
              .formatted(i, BUS, files.resolve("idle-" + i + ".jsonl")));
    }
    return yaml.toString();
  }

  /** Every target asleep (no connector), or its connector and one task RUNNING. */
  private static void awaitReady(RailyardProcess railyard, int rules, boolean sleep) {
    Awaitility.await("all " + rules + " targets ready")
        .atMost(Duration.ofMinutes(30))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              JsonNode all =
                  JSON.readTree(railyard.connect("GET", "/connectors?expand=status", null).body());
              int running = 0;
              int targets = 0;
              for (var e : (Iterable<java.util.Map.Entry<String, JsonNode>>) all::fields) {
                if (!e.getKey().startsWith("railyard.to.")) {
                  continue;
                }
                targets++;
                JsonNode status = e.getValue().path("status");
                boolean taskRunning = false;
                for (JsonNode t : status.path("tasks")) {
                  taskRunning |= t.path("state").asText().equals("RUNNING");
                }
                if (status.path("connector").path("state").asText().equals("RUNNING")
                    && taskRunning) {
                  running++;
                }
              }
              return sleep ? targets == 0 : running == rules;
            });
  }

  /**
   * Until the broker holds a log for every partition of the rules' delivery topics: a broker
   * publishes a batch of new topics only once it has made the logs of the batches before, so the
   * last rules of a big apply reach their targets only after that.
   */
  private static void awaitLogs(RailyardProcess railyard, int rules) {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, railyard.bootstrapServers()))) {
      Awaitility.await("the broker's logs of every delivery topic")
          .atMost(Duration.ofMinutes(30))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                long logs = 0;
                for (var dir :
                    admin.describeLogDirs(List.of(1)).allDescriptions().get().get(1).values()) {
                  logs +=
                      dir.replicaInfos().keySet().stream()
                          .filter(tp -> tp.topic().startsWith("railyard.to.idle-"))
                          .count();
                }
                return logs >= 3L * rules;
              });
    }
  }

  /** Seconds from putting one event of a target's type until it is in the target's file. */
  private static double wake(RailyardProcess railyard, Path files, int rule)
      throws IOException, InterruptedException {
    Path file = files.resolve("idle-" + rule + ".jsonl");
    long start = System.nanoTime();
    HttpResponse<String> put =
        railyard.post(
            "/api/v1/events",
            "application/json",
            "[{\"bus\": \"%s\", \"source\": \"bench\", \"type\": \"idle.%d\", \"data\": {}}]"
                .formatted(BUS, rule));
    if (put.statusCode() != 200) {
      throw new IllegalStateException("PutEvents answered " + put.statusCode() + ": " + put.body());
    }
    Awaitility.await("the event in " + file)
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> Files.exists(file) && Files.size(file) > 0);
    return (System.nanoTime() - start) / 1e9;
  }

  /** Resident memory and threads of the worker JVM and of the control plane, from /proc. */
  private record Footprint(long workerRssMb, long workerThreads, long controlPlaneRssMb) {

    /** The highest of one-second samples over {@code window}. */
    static Footprint highest(Duration window) {
      long[] max = new long[3];
      long end = System.nanoTime() + window.toNanos();
      Awaitility.await("samples over " + window)
          .atMost(window.plusSeconds(10))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                for (ProcessHandle p : ProcessHandle.current().descendants().toList()) {
                  String cmd = p.info().commandLine().orElse("");
                  if (cmd.contains("dev.railyard.worker.WorkerMain")) {
                    max[0] = Math.max(max[0], status(p, "VmRSS:") / 1024);
                    max[1] = Math.max(max[1], status(p, "Threads:"));
                  } else if (cmd.contains("dev.railyard.host.Main")) {
                    max[2] = Math.max(max[2], status(p, "VmRSS:") / 1024);
                  }
                }
                return System.nanoTime() >= end;
              });
      return new Footprint(max[0], max[1], max[2]);
    }

    private static long status(ProcessHandle p, String field) throws IOException {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(p.pid()), "status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
        }
      }
      return 0;
    }
  }
}
