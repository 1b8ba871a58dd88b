package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Railyard's log source as a user runs it: its plugin archive installed through the API, a
 * connector on a log file that the real logrotate rotates by copytruncate, and a rule routing the
 * error lines to an HTTP function. Counts the lines written and received.
 */
@WithPlatform(workers = 1, shared = "connectors", settings = ConnectorPlugins.EXACTLY_ONCE)
class LogSourceIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONNECTOR = "dev.railyard.sources.log.LogSourceConnector";

  @BeforeAll
  static void install(Platform platform, ApiClient api) {
    ConnectorPlugins.install(platform, api, "railyard-log-source", CONNECTOR);
  }

  @Test
  void shouldRefuseBadSettingsNamingEachKeyAndWhatWouldBeValid(ApiClient api) {
    // when a config with a relative path and a regex format without its regex is put
    ApiClient.Response put =
        api.put(
            "/api/v1/connectors/logsrc-bad",
            """
            {"connector.class": "%s", "log.paths": "logs/*.log", "log.format": "regex",
             "bus": "no spaces"}"""
                .formatted(CONNECTOR));

    // then it is refused with each key's error, and nothing is created
    assertThat(put.status()).as(put.body()).isEqualTo(400);
    JsonNode errors = put.json().at("/error/details/errors");
    assertThat(errors.path("log.paths").get(0).asText())
        .contains("must be an absolute path or glob");
    assertThat(errors.path("bus").get(0).asText()).contains("letters, digits");
    assertThat(errors.path("log.format.regex").get(0).asText())
        .contains("needs a regular expression with named groups");
    assertThat(api.get("/connect/connectors").body()).doesNotContain("logsrc-bad");
  }

  @Test
  void shouldRefuseFilesOutsideTheFilesFolderNamingTheKeyAndTheFolder(ApiClient api, Path dataDir) {
    // when a config reading the machine's own files is put
    ApiClient.Response put =
        api.put(
            "/api/v1/connectors/logsrc-outside",
            """
            {"connector.class": "%s", "log.paths": "%s/logsrc-it/../../*.log,/etc/*.conf"}"""
                .formatted(CONNECTOR, dataDir));

    // then it is refused naming log.paths and files.dir, and nothing is created
    assertThat(put.status()).as(put.body()).isEqualTo(400);
    assertThat(put.json().at("/error/code").asText()).isEqualTo("CONFIG_NOT_ALLOWED");
    assertThat(put.json().at("/error/details/errors/log.paths/0").asText())
        .contains("files.dir (" + dataDir + ")");
    assertThat(api.get("/connect/connectors").body()).doesNotContain("logsrc-outside");
  }

  @Test
  void shouldRouteEveryErrorLineOfARotatedLogToAnHttpFunction(ApiClient api, Path dataDir)
      throws Exception {
    // given a rule on bus logsrc sending error lines to a function, and a log source on a file
    Path dir = Files.createDirectories(dataDir.resolve("logsrc-it"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    Path log = dir.resolve("app.log");
    try (Endpoint endpoint = Endpoint.start(200)) {
      RuleFixtures.applyOk(api, rule(endpoint));
      append(log, 0, 100);
      ApiClient.Response put = api.put("/api/v1/connectors/logsrc-it", connector(log));
      assertThat(put.status()).as(put.body()).isIn(200, 201);
      ConnectorsApiIT.awaitState(api, "logsrc-it", "RUNNING");

      // when 300 lines are written, the log is rotated by copytruncate after 200
      await("the first error lines at the function")
          .atMost(Duration.ofSeconds(60))
          .until(() -> !endpoint.delivered().isEmpty());
      append(log, 100, 200);
      copytruncate(log);
      append(log, 200, 300);

      // then each of the 150 error lines arrives, once, as a CloudEvent of the file
      Set<Integer> errors = new TreeSet<>();
      for (int n = 1; n < 300; n += 2) {
        errors.add(n);
      }
      await("the 150 error lines at the function")
          .atMost(Duration.ofSeconds(90))
          .until(() -> new HashSet<>(numbers(endpoint.delivered())).containsAll(errors));
      List<Integer> received = numbers(endpoint.delivered());
      assertThat(received).hasSize(150);
      assertThat(new TreeSet<>(received)).isEqualTo(errors);
      JsonNode first = JSON.readTree(endpoint.delivered().get(0));
      assertThat(first.path("source").asText()).isEqualTo(log.toUri().toString());
      assertThat(first.path("type").asText()).isEqualTo("it.log.line");
      assertThat(api.delete("/api/v1/connectors/logsrc-it").status()).isEqualTo(200);
      assertThat(api.delete("/api/v1/rules/logsrc-errors").status()).isEqualTo(200);
    }
  }

  @Test
  void shouldSendEveryLineExactlyOnceThroughAWorkerKilledMidStream(
      ApiClient api, Platform platform, Path dataDir) throws Exception {
    // given workers with Connect's exactly-once source support (this platform's setting), a bus
    // topic, and a log source on a file a writer appends 20,000 lines to at about 2,000 a second
    String topic = "railyard.bus.logsrc-eos";
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
    Path log = Files.createDirectories(dataDir.resolve("logsrc-eos")).resolve("app.log");
    append(log, 0, 1);
    int total = 20_000;
    // 20 lines every 10 ms, on a schedule rather than a sleeping loop
    AtomicInteger written = new AtomicInteger(1);
    ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
    Runnable writeSome =
        () -> {
          int from = written.get();
          if (from >= total) {
            return;
          }
          int to = Math.min(total, from + 20);
          try {
            append(log, from, to);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          written.set(to);
        };
    ApiClient.Response put =
        api.put(
            "/api/v1/connectors/logsrc-eos",
            connector(log).replace("\"bus\": \"logsrc\"", "\"bus\": \"logsrc-eos\""));
    assertThat(put.status()).as(put.body()).isIn(200, 201);
    ConnectorsApiIT.awaitState(api, "logsrc-eos", "RUNNING");
    writer.scheduleAtFixedRate(writeSome, 0, 10, TimeUnit.MILLISECONDS);

    // when the worker is killed with SIGKILL once a few thousand lines are committed on the bus
    try (CommittedLines committed = new CommittedLines(platform.bootstrapServers(), topic)) {
      await("3,000 lines committed on the bus")
          .atMost(Duration.ofSeconds(60))
          .until(() -> committed.read().size() >= 3_000);
      platform.workers().workers().forEach(w -> platform.workers().kill(w.name()));
      await("all 20,000 lines written")
          .atMost(Duration.ofSeconds(120))
          .until(() -> written.get() == total);
      writer.shutdownNow();

      // then once the worker is back, a read-committed consumer sees every line, each once
      await("all 20,000 lines committed on the bus")
          .atMost(Duration.ofSeconds(180))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> new HashSet<>(committed.read()).size() == total);
      List<Integer> lines = committed.read();
      System.out.printf(
          "LogSourceIT exactly once: %d lines written, %d committed records, %d distinct%n",
          total, lines.size(), new HashSet<>(lines).size());
      assertThat(lines).as("lines on the bus, a repeat being a duplicate").hasSize(total);
      assertThat(api.get("/api/v1/workers").json().at("/workers/0/restarts").asInt()).isPositive();
    }
    assertThat(api.delete("/api/v1/connectors/logsrc-eos").status()).isEqualTo(200);
  }

  /** The line numbers on a topic as a read-committed consumer sees them, read as they come. */
  private static final class CommittedLines implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    private final List<Integer> lines = new ArrayList<>();

    CommittedLines(String bootstrap, String topic) {
      consumer =
          new KafkaConsumer<>(
              Map.of(
                  ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrap,
                  ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                  "read_committed",
                  ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                  StringDeserializer.class,
                  ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                  StringDeserializer.class));
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
    }

    List<Integer> read() throws Exception {
      for (var r : consumer.poll(Duration.ofMillis(200))) {
        lines.add(JSON.readTree(r.value()).at("/data/n").asInt());
      }
      return List.copyOf(lines);
    }

    @Override
    public void close() {
      consumer.close();
    }
  }

  private static String rule(Endpoint endpoint) {
    return """
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: logsrc-errors}
        spec:
          bus: logsrc
          pattern: {type: ["it.log.line"], data: {level: ["error"]}}
          targets:
            - name: fn
              config:
                connector.class: dev.railyard.sinks.http.HttpSinkConnector
                http.url: "%s"
        """
        .formatted(endpoint.url());
  }

  private static String connector(Path log) {
    return """
        {"connector.class": "%s", "log.paths": "%s", "bus": "logsrc",
         "log.format": "logfmt", "log.event.type": "it.log.line",
         "key.converter": "org.apache.kafka.connect.storage.StringConverter",
         "value.converter": "org.apache.kafka.connect.storage.StringConverter"}"""
        .formatted(CONNECTOR, log);
  }

  private static void append(Path log, int from, int to) throws Exception {
    StringBuilder lines = new StringBuilder();
    for (int n = from; n < to; n++) {
      lines.append(
          "n=%d level=%s msg=\"line %d\"\n".formatted(n, n % 2 == 1 ? "error" : "info", n));
    }
    Files.writeString(log, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** The real logrotate, with its own state file and config: no root, no cron. */
  private static void copytruncate(Path log) throws Exception {
    Path conf = log.resolveSibling("logrotate.conf");
    Files.writeString(conf, log + " {\n  copytruncate\n  rotate 5\n}\n");
    Process p =
        new ProcessBuilder(
                "/usr/sbin/logrotate",
                "-s",
                log.resolveSibling("state").toString(),
                "-f",
                conf.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
  }

  private static List<Integer> numbers(List<String> bodies) throws Exception {
    List<Integer> numbers = new ArrayList<>();
    for (String body : bodies) {
      numbers.add(JSON.readTree(body).at("/data/n").asInt());
    }
    return numbers;
  }
}
