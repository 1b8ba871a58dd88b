package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The log sink as a user installs it (its plugin archive uploaded through the API) at the end of a
 * rule: events put through PutEvents land in its rolled files once each, across a worker killed
 * with SIGKILL while it writes; a bad config is refused with the key that is wrong.
 */
@WithPlatform(workers = 1, shared = "connectors", settings = ConnectorPlugins.EXACTLY_ONCE)
class LogSinkIT {

  private static final String CONNECTOR = "dev.railyard.sinks.log.LogSinkConnector";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldWriteEveryEventOfARuleOnceThroughAWorkerKilledWhileWriting(
      Platform platform, ApiClient api, Path dataDir) throws Exception {
    // given the log sink installed from its plugin archive
    ConnectorPlugins.install(platform, api, "railyard-log-sink", CONNECTOR);

    // and a bad config of it refused, naming each wrong key and what would be valid
    ApiClient.Response bad =
        api.put(
            "/api/v1/connectors/logsink-bad",
            """
            {"connector.class": "%s", "topics": "railyard.bus.logsink",
             "log.directory": "relative/dir", "log.path": "{bus}/{year}"}"""
                .formatted(CONNECTOR));
    assertThat(bad.status()).as(bad.body()).isEqualTo(400);
    JsonNode errors = bad.json().at("/error/details/errors");
    assertThat(errors.path("log.directory").get(0).asText()).contains("absolute directory path");
    assertThat(errors.path("log.path").get(0).asText()).contains("{year}").contains("{yyyy}");

    // and a rule routing the bus's events into the sink, rolling zstd files every 16 KiB or 2 s
    Path logs = dataDir.resolve("logsink-files");
    RuleFixtures.applyOk(
        api,
        """
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: logsink-failures}
        spec:
          bus: logsink
          pattern: {source: ["faults"]}
          targets:
            - name: archive
              config:
                connector.class: %s
                value.converter: org.apache.kafka.connect.converters.ByteArrayConverter
                log.directory: "%s"
                log.path: "{rule}/{yyyy}/{MM}/{dd}"
                log.roll.bytes: "16384"
                log.roll.interval.ms: "2000"
                log.compression: zstd
        """
            .formatted(CONNECTOR, logs));

    // when events flow in at 200 a second and the worker dies with SIGKILL once files have rolled
    Set<String> acknowledged;
    try (CountedStream stream = new CountedStream(() -> api, "logsink", 2000, 20, 100)) {
      stream.awaitAcknowledged(600, Duration.ofSeconds(60));
      await("a rolled file of the log sink")
          .atMost(Duration.ofSeconds(90))
          .until(() -> !rolled(logs).isEmpty());
      platform.workers().workers().forEach(w -> platform.workers().kill(w.name()));
      stream.awaitDone(Duration.ofSeconds(120));
      acknowledged = stream.acknowledged();
    }
    assertThat(acknowledged).as("acknowledged events").hasSizeGreaterThan(1000);

    // then once the worker is back, every acknowledged event is in the rolled files, once, in the
    // folders of the rule and the day
    await("every acknowledged event in the rolled files")
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> idCounts(logs).keySet().containsAll(acknowledged));
    Map<String, Integer> counts = idCounts(logs);
    long delivered = records(platform, "railyard.to.logsink-failures.archive");
    System.out.printf(
        "LogSinkIT: %d acknowledged, %d records in the delivery topic (repeated upstream: %d),"
            + " %d events in %d rolled files%n",
        acknowledged.size(),
        delivered,
        delivered - acknowledged.size(),
        counts.size(),
        rolled(logs).size());
    assertThat(counts.entrySet().stream().filter(e -> e.getValue() > 1).toList())
        .as("events in the files more than once")
        .isEmpty();
    assertThat(api.get("/api/v1/workers").json().at("/workers/0/restarts").asInt()).isPositive();
    assertThat(rolled(logs))
        .allSatisfy(
            f ->
                assertThat(logs.relativize(f).toString())
                    .matches("logsink-failures/\\d{4}/\\d\\d/\\d\\d/[^/]+"));
  }

  /** How many records a topic holds, all partitions together. */
  private static long records(Platform platform, String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.bootstrapServers()))) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get(30, TimeUnit.SECONDS)
          .get(topic)
          .partitions()
          .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
      return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
          .mapToLong(ListOffsetsResultInfo::offset)
          .sum();
    }
  }

  /** The rolled files of the sink: visible, zstd-compressed. */
  private static List<Path> rolled(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(f -> f.getFileName().toString().endsWith(".jsonl.zst"))
          .filter(f -> !f.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How often each event id is in the rolled files, as zstdcat reads them. */
  private static Map<String, Integer> idCounts(Path dir) throws Exception {
    Map<String, Integer> counts = new HashMap<>();
    for (Path f : rolled(dir)) {
      Process p = new ProcessBuilder("zstdcat", f.toString()).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("zstdcat " + f).isTrue();
      assertThat(p.exitValue()).as("zstdcat " + f).isZero();
      for (String line : text.split("\n")) {
        if (!line.isEmpty()) {
          counts.merge(JSON.readTree(line).get("id").asText(), 1, Integer::sum);
        }
      }
    }
    return counts;
  }
}
