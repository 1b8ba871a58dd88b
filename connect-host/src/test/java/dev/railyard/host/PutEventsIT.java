package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@WithPlatform(workers = 1)
class PutEventsIT {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void shouldDeliverPutEventsThroughTheBusToAFileStreamSink(ApiClient api, Path dataDir)
      throws Exception {
    // given a FileStreamSink on the default bus, created through the Connect pass-through
    Path file = dataDir.resolve("audit.jsonl");
    ApiClient.Response created =
        api.put(
            "/connect/connectors/audit/config",
            """
        {"connector.class": "FileStreamSink", "topics": "railyard.bus.default", "file": "%s"}"""
                .formatted(file));
    assertThat(created.status()).as(created.body()).isEqualTo(201);

    // when events are put
    ApiClient.Response put =
        api.post(
            "/api/v1/events",
            """
        [{"source": "shop", "type": "order.paid", "data": {"id": 1}},
         {"source": "shop", "type": "order.paid", "subject": "order-2", "data": {"id": 2}}]""");

    // then both are acknowledged with ids and reach the file as CloudEvents
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(put.json().get("failedEntryCount").asInt()).isZero();
    List<String> ids = new ArrayList<>();
    put.json().get("entries").forEach(e -> ids.add(e.get("eventId").asText()));
    assertThat(ids).hasSize(2).doesNotContainNull();
    await("both events in " + file)
        .atMost(Duration.ofSeconds(60))
        .until(() -> Files.exists(file) && Files.readAllLines(file).size() >= 2);
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      lines.add(MAPPER.readTree(line));
    }
    assertThat(lines)
        .extracting(l -> l.get("id").asText())
        .containsExactlyInAnyOrderElementsOf(ids);
    assertThat(lines)
        .allSatisfy(
            l -> {
              assertThat(l.get("specversion").asText()).isEqualTo("1.0");
              assertThat(l.get("type").asText()).isEqualTo("order.paid");
              assertThat(l.get("source").asText()).isEqualTo("shop");
            });
  }

  @Test
  void shouldWriteTheValidEntriesAndRefuseTheBadOnesOneByOne(ApiClient api, Path dataDir)
      throws Exception {
    // given a sink on a bus of its own
    Path file = dataDir.resolve("mixed.jsonl");
    api.post("/api/v1/events", "[{\"bus\": \"mixed\", \"source\": \"s\", \"type\": \"warmup\"}]");
    assertThat(
            api.put(
                    "/connect/connectors/mixed/config",
                    """
        {"connector.class": "FileStreamSink", "topics": "railyard.bus.mixed", "file": "%s"}"""
                        .formatted(file))
                .status())
        .isEqualTo(201);

    // when good and bad entries come in one call
    ApiClient.Response put =
        api.post(
            "/api/v1/events",
            """
        [{"bus": "mixed", "source": "s", "type": "good.one"},
         {"bus": "mixed", "source": "s"},
         {"bus": "mixed", "source": "s", "type": "good.two"},
         {"bus": "mixed", "source": "s", "type": "t", "detail": {}},
         {"bus": "bad/bus", "source": "s", "type": "t"}]""");

    // then each bad entry has its own error and the good ones are written
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    JsonNode entries = put.json().get("entries");
    assertThat(put.json().get("failedEntryCount").asInt()).isEqualTo(3);
    assertThat(entries.get(0).has("eventId")).isTrue();
    assertThat(entries.get(1).get("errorCode").asText()).isEqualTo("InvalidArgument");
    assertThat(entries.get(1).get("errorMessage").asText()).contains("\"type\" is missing");
    assertThat(entries.get(2).has("eventId")).isTrue();
    assertThat(entries.get(3).get("errorMessage").asText()).contains("unknown field \"detail\"");
    assertThat(entries.get(4).get("errorMessage").asText()).contains("\"bus\" must be a bus name");
    await("the two good events in " + file)
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                Files.exists(file)
                    && Files.readAllLines(file).stream().filter(l -> l.contains("good.")).count()
                        == 2);
    assertThat(Files.readAllLines(file)).noneMatch(l -> l.contains("\"type\":\"t\""));
  }

  @Test
  void shouldReportEveryComponentHealthy(ApiClient api) {
    ApiClient.Response health = api.get("/health");

    assertThat(health.status()).as(health.body()).isEqualTo(200);
    assertThat(health.json().get("status").asText()).isEqualTo("UP");
    assertThat(health.json().get("components").fieldNames())
        .toIterable()
        .contains("broker", "workers", "api");
  }

  @Test
  void shouldCountEventsPerBusInPrometheusMetrics(ApiClient api) {
    api.post("/api/v1/events", "[{\"bus\": \"metered\", \"source\": \"s\", \"type\": \"t\"}]");

    ApiClient.Response metrics = api.get("/metrics");

    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("railyard_events_received_total{bus=\"metered\"} 1.0")
        .contains("railyard_events_written_total{bus=\"metered\"} 1.0");
  }

  @Test
  void shouldPassConnectErrorsThroughUnchanged(ApiClient api) {
    ApiClient.Response missing = api.get("/connect/connectors/does-not-exist");

    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("error_code").asInt()).isEqualTo(404);
  }
}
