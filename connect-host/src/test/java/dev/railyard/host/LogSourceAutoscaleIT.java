package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The autoscaler on a log source that one task cannot keep up with: four files of one pattern, far
 * more written than one task reads in the drain target, at {@code tasks.max=1}. The task is slow
 * honestly: {@code log.batch.max.records=1} makes every poll return one 100-byte line, so one task
 * moves a few MB/s, not the tens it moves in batches of 1,000. The autoscaler reads the bytes
 * behind from the connector's committed offsets and raises its tasks, saying why; the connector
 * deals the pattern's files out among them, and every file is read on.
 */
@WithPlatform(
    workers = 1,
    settings = {
      "autoscale.enabled=true",
      "autoscale.workers.min=1",
      "autoscale.workers.max=1",
      "autoscale.drain.target.seconds=5"
    })
class LogSourceAutoscaleIT {

  private static final String CONNECTOR = "dev.railyard.sources.log.LogSourceConnector";
  private static final String NAME = "logscale-src";
  private static final String TOPIC = "railyard.bus.logscale";
  private static final int FILES = 4;
  private static final int LINES = 250_000; // 25 MB a file

  @BeforeAll
  static void install(Platform platform, ApiClient api) {
    ConnectorPlugins.install(platform, api, "railyard-log-source", CONNECTOR);
  }

  @Test
  void shouldRaiseTheTasksOfALogSourceBehindOnItsFilesAndSayWhy(
      ApiClient api, Path dataDir, Platform platform) throws Exception {
    // given four files of 25 MB each, one pattern for all, and a log source on them with one task
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
      Path dir = Files.createDirectories(dataDir.resolve("logscale-it"));
      for (int f = 0; f < FILES; f++) {
        write(dir.resolve("app-" + f + ".log"));
      }
      ApiClient.Response put =
          api.put("/api/v1/connectors/" + NAME, connector(dir.resolve("*.log").toString()));
      assertThat(put.status()).as(put.body()).isIn(200, 201);
      long t0 = System.nanoTime();

      // when the autoscaler watches it: then it reads the bytes behind and raises the tasks
      AtomicReference<JsonNode> seen = new AtomicReference<>();
      AtomicReference<JsonNode> behind = new AtomicReference<>();
      await("the log source's tasks raised on its bytes behind")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                JsonNode c = connector(api.get("/api/v1/autoscale").json());
                seen.set(c);
                if (c != null && c.path("backlog").path("bytesBehind").asLong() > 0) {
                  behind.compareAndSet(null, c);
                }
                return c != null && c.path("tasks").asInt() > 1;
              });
      double raisedAfter = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "log source tasks raised %.1f s after it was created: %s%n", raisedAfter, seen.get());

      // and it was seen behind, with the tasks it can use: one a file of its one pattern (a file
      // it has sent no line of yet has no offset, so the count may start below four)
      assertThat(behind.get()).as("a snapshot with bytes behind").isNotNull();
      assertThat(behind.get().path("kind").asText()).isEqualTo("SOURCE");
      assertThat(behind.get().path("backlog").path("files").asInt()).isBetween(1, FILES);
      assertThat(seen.get().path("backlog").path("mostTasks").asInt()).isBetween(2, FILES);
      assertThat(seen.get().path("tasks").asInt()).isBetween(2, FILES);

      // and the timeline has the change with its reason in bytes
      JsonNode change =
          StreamSupport.stream(
                  api.get("/api/v1/autoscale/decisions").json().path("decisions").spliterator(),
                  false)
              .filter(d -> d.path("target").asText().equals(NAME) && d.path("to").asInt() > 1)
              .findFirst()
              .orElseThrow(() -> new AssertionError("no decision raised " + NAME + "'s tasks"));
      assertThat(change.path("from").asInt()).isEqualTo(1);
      assertThat(change.path("reason").asText())
          .startsWith(NAME + ": ")
          .contains(" behind ")
          .contains(" per task; tasks 1 → ")
          .containsPattern("\\([2-4] files\\)$");
      System.out.println("decision: " + change);

      // and the raised tasks share the files: every file is read on past where it was
      Map<String, Long> before = positions(api);
      await("every file read on by the raised tasks")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                Map<String, Long> now = positions(api);
                return now.size() == FILES
                    && now.entrySet().stream()
                        .allMatch(e -> e.getValue() > before.getOrDefault(e.getKey(), -1L));
              });
      JsonNode status = api.get("/api/v1/connectors/" + NAME).json();
      System.out.println("status: " + status);

      assertThat(api.delete("/api/v1/connectors/" + NAME).status()).isEqualTo(200);
      admin.deleteTopics(List.of(TOPIC)).all().get();
    }
  }

  /** The committed position of each file, from Connect's offsets of the connector. */
  private static Map<String, Long> positions(ApiClient api) throws Exception {
    Map<String, Long> positions = new java.util.HashMap<>();
    JsonNode offsets = api.get("/api/v1/connectors/" + NAME + "/offsets").json();
    for (JsonNode o : offsets.path("offsets")) {
      positions.put(
          o.path("partition").path("path").asText(), o.path("offset").path("position").asLong());
    }
    return positions;
  }

  private static JsonNode connector(JsonNode status) {
    for (JsonNode c : status.path("connectors")) {
      if (c.path("name").asText().equals(NAME)) {
        return c;
      }
    }
    return null;
  }

  private static String connector(String paths) {
    return """
        {"connector.class": "%s", "log.paths": "%s", "bus": "logscale",
         "tasks.max": "1", "log.batch.max.records": "1",
         "key.converter": "org.apache.kafka.connect.storage.StringConverter",
         "value.converter": "org.apache.kafka.connect.storage.StringConverter"}"""
        .formatted(CONNECTOR, paths);
  }

  // 100-byte lines, numbered
  private static void write(Path log) throws Exception {
    try (BufferedWriter out = Files.newBufferedWriter(log)) {
      String pad = "x".repeat(86);
      for (int n = 0; n < LINES; n++) {
        out.write("n=%010d %s\n".formatted(n, pad));
      }
    }
  }
}
