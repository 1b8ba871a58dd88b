package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RestartIT {

  private static Path dataDir;

  @BeforeAll
  static void createDataDir() {
    dataDir = TestPlatforms.tempDir();
  }

  @AfterAll
  static void deleteDataDir() {
    TestPlatforms.delete(dataDir);
  }

  @Test
  void shouldKeepConnectorsAndEventsAcrossARestartOnTheSameDataDir() throws Exception {
    Path file = dataDir.resolve("audit.jsonl");
    List<String> ids = new ArrayList<>();

    // given a platform with a connector and 50 delivered events, stopped
    try (Platform first = TestPlatforms.start(dataDir, 1, Map.of())) {
      ApiClient api = new ApiClient(first);
      assertThat(
              api.put(
                      "/connect/connectors/audit/config",
                      """
          {"connector.class": "FileStreamSink", "topics": "railyard.bus.default", "file": "%s"}"""
                          .formatted(file))
                  .status())
          .isEqualTo(201);
      ids.addAll(putEvents(api, "before", 50));
      awaitIdsInFile(file, ids);
    }

    // when it starts again on the same data directory
    try (Platform second = TestPlatforms.start(dataDir, 1, Map.of())) {
      ApiClient api = new ApiClient(second);

      // then the connector is back, the bus still holds the old events, and new ones flow
      assertThat(api.get("/connect/connectors").json())
          .extracting(n -> n.toString())
          .asString()
          .contains("\"audit\"");
      ids.addAll(putEvents(api, "after", 50));
      awaitIdsInFile(file, ids);
      assertThat(busEventIds(second.bootstrapServers())).containsExactlyInAnyOrderElementsOf(ids);
    }
  }

  @Test
  void shouldKeepRulesAndRouteEveryEventWhenStoppedInTheMiddle() throws Exception {
    Path dir = TestPlatforms.tempDir();
    try {
      Path file = dir.resolve("routed.jsonl");
      List<String> ids = new ArrayList<>();

      // given a rule, and a platform stopped right after taking events, while they are routed
      try (Platform first = TestPlatforms.start(dir, 1, Map.of())) {
        ApiClient api = new ApiClient(first);
        ApiClient.Response applied =
            api.post(
                "/api/v1/rules:apply",
                """
            apiVersion: railyard/v1
            kind: Rule
            metadata: {name: durable}
            spec:
              bus: default
              pattern: {source: ["restart"]}
              targets:
                - name: file
                  config: {connector.class: FileStreamSink, file: "%s"}
            """
                    .formatted(file));
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        ids.addAll(putEvents(api, "mid-flight", 300));
      }

      // when it starts again
      try (Platform second = TestPlatforms.start(dir, 1, Map.of())) {
        ApiClient api = new ApiClient(second);

        // then the rule is still in force and every event, before and after, is routed
        assertThat(api.get("/api/v1/rules/durable").status()).isEqualTo(200);
        ids.addAll(putEvents(api, "after-restart", 100));
        awaitIdsInFile(file, ids);
      }
    } finally {
      TestPlatforms.delete(dir);
    }
  }

  private static List<String> putEvents(ApiClient api, String type, int count) {
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < count; i++) {
      body.append(i == 0 ? "" : ",")
          .append("{\"source\":\"restart\",\"type\":\"")
          .append(type)
          .append("\",\"data\":{\"n\":")
          .append(i)
          .append("}}");
    }
    ApiClient.Response put = api.post("/api/v1/events", body.append("]").toString());
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(put.json().get("failedEntryCount").asInt()).isZero();
    List<String> ids = new ArrayList<>();
    put.json().get("entries").forEach(e -> ids.add(e.get("eventId").asText()));
    return ids;
  }

  private static void awaitIdsInFile(Path file, List<String> ids) {
    await(ids.size() + " events in " + file)
        .atMost(Duration.ofSeconds(90))
        .until(() -> EventIds.in(file).containsAll(ids));
  }

  private static List<String> busEventIds(String bootstrap) {
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
      List<TopicPartition> partitions =
          consumer.partitionsFor("railyard.bus.default").stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<String> values = new ArrayList<>();
      await("the whole bus read")
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                  values.add(r.value());
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
              });
      return new ArrayList<>(EventIds.in(values));
    }
  }
}
