package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.rules.model.Topology;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.jackson.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
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

  @Test
  void shouldLetTheCloudEventsSdkReadEveryEventPutEventsWroteInAnyMode(
      ApiClient api, Platform platform) throws Exception {
    // given events put as a JSON array, and by the SDK's HTTP writer in both modes and a batch
    String path = "/api/v1/events?bus=sdk-read";
    List<String> ids = new ArrayList<>();
    ApiClient.Response array =
        api.post(
            "/api/v1/events",
            """
        [{"bus": "sdk-read", "source": "shop", "type": "order.paid", "data": {"amount": 1}}]""");
    ApiClient.Response bad =
        api.post(
            path,
            Map.of("ce-specversion", "1.0", "ce-id", "no-type", "ce-source", "/s"),
            "{}".getBytes(StandardCharsets.UTF_8));
    SdkEvents.HttpMessage binary = SdkEvents.HttpMessage.of(SdkEvents.paid("http-b", 2), true);
    SdkEvents.HttpMessage structured = SdkEvents.HttpMessage.of(SdkEvents.paid("http-s", 3), false);
    JsonFormat format = new JsonFormat();
    String batch =
        "["
            + new String(format.serialize(SdkEvents.paid("batch-1", 4)), StandardCharsets.UTF_8)
            + ","
            + new String(format.serialize(SdkEvents.paid("batch-2", 5)), StandardCharsets.UTF_8)
            + "]";
    for (ApiClient.Response put :
        List.of(
            array,
            api.post(path, binary.headers(), binary.body()),
            api.post(path, structured.headers(), structured.body()),
            api.post(path, "application/cloudevents-batch+json", batch))) {
      assertThat(put.status()).as(put.body()).isEqualTo(200);
      assertThat(put.json().get("failedEntryCount").asInt()).as(put.body()).isZero();
      put.json().get("entries").forEach(e -> ids.add(e.get("eventId").asText()));
    }

    // then the bad one was refused naming its header, and the SDK reads every event on the bus
    assertThat(bad.status()).as(bad.body()).isEqualTo(400);
    assertThat(bad.json().path("error").path("message").asText()).contains("ce-type");
    Map<String, ConsumerRecord<String, CloudEvent>> read =
        SdkEvents.readAll(platform.bootstrapServers(), Topology.busTopic("sdk-read"), 5);
    assertThat(read.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(ids).contains("http-b", "http-s", "batch-1", "batch-2");
    for (ConsumerRecord<String, CloudEvent> r : read.values()) {
      CloudEvent e = r.value();
      assertThat(e.getType()).isEqualTo("order.paid");
      assertThat(e.getSource().toString()).isIn("shop", "/shop");
      assertThat(MAPPER.readTree(e.getData().toBytes()).get("amount").asInt()).isBetween(1, 5);
    }
    assertThat(read.get("http-b").value().getExtension("tenant")).isEqualTo("acme");
  }

  @Test
  void shouldRouteSdkEventsOfBothModesAlikeAndLetTheSdkReadDeliveriesAndDeadLetters(
      ApiClient api, Path dataDir, Platform platform) throws Exception {
    // given a rule for big paid orders, one whose template fails on every paid order, one whose
    // target asks for structured mode, and one whose function refuses every event (400: no retry)
    Endpoint refusing = Endpoint.start(400);
    RuleFixtures.applyOk(
        api,
        """
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: sdk-big}
        spec:
          bus: sdk
          pattern: {type: ["order.paid"], tenant: ["acme"], data: {amount: [{numeric: [">", 100]}]}}
          targets:
            - name: out
              config: {connector.class: FileStreamSink, file: "%1$s/sdk-big.jsonl"}
        ---
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: sdk-broken}
        spec:
          bus: sdk
          pattern: {type: ["order.paid"]}
          transform: {paths: {s: "$.source"}, template: '{"n": <s>1}'}
          targets:
            - name: out
              config: {connector.class: FileStreamSink, file: "%1$s/sdk-broken.jsonl"}
        ---
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: sdk-all}
        spec:
          bus: sdk
          pattern: {type: ["order.paid"]}
          targets:
            - name: out
              cloudEvents: structured
              config: {connector.class: FileStreamSink, file: "%1$s/sdk-all.jsonl"}
        ---
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: sdk-refused}
        spec:
          bus: sdk
          pattern: {type: ["order.paid"]}
          targets:
            - name: fn
              config: {connector.class: dev.railyard.sinks.http.HttpSinkConnector, http.url: "%2$s"}
        """
            .formatted(dataDir, refusing.url()));

    // when the SDK's producer puts 50 events in binary mode and 50 in structured mode, half big
    int n = 50;
    for (Encoding encoding : List.of(Encoding.BINARY, Encoding.STRUCTURED)) {
      try (KafkaProducer<String, CloudEvent> producer =
          SdkEvents.producer(platform.bootstrapServers(), encoding)) {
        for (int i = 0; i < n; i++) {
          String id = encoding.name().toLowerCase() + "-" + i;
          producer.send(
              new ProducerRecord<>(
                  Topology.busTopic("sdk"), id, SdkEvents.paid(id, i % 2 == 0 ? 150 : 50)));
        }
        producer.flush();
      }
    }

    // then the rule routed the big ones of each mode alike (25 in each), and the SDK reads them
    Map<String, ConsumerRecord<String, CloudEvent>> delivered =
        SdkEvents.readAll(platform.bootstrapServers(), Topology.deliveryTopic("sdk-big", "out"), n);
    for (String mode : List.of("binary", "structured")) {
      assertThat(delivered.keySet())
          .as("the big events of " + mode + " mode, routed")
          .filteredOn(id -> id.startsWith(mode + "-"))
          .hasSize(n / 2)
          .allSatisfy(id -> assertThat(Integer.parseInt(id.split("-")[1]) % 2).isZero());
    }
    assertThat(delivered.values())
        .allSatisfy(
            r -> {
              assertThat(r.value().getType()).isEqualTo("order.paid");
              assertThat(r.value().getSource().toString()).isEqualTo("/shop");
              assertThat(MAPPER.readTree(r.value().getData().toBytes()).get("amount").asInt())
                  .isEqualTo(150);
            });
    // and every event the broken rule matched is a dead letter the SDK reads, as it came
    Map<String, ConsumerRecord<String, CloudEvent>> letters =
        SdkEvents.readAll(
            platform.bootstrapServers(), Topology.deadLetterTopic("sdk-broken", "out"), 2 * n);
    assertThat(letters).hasSize(2 * n);
    assertThat(letters.values())
        .allSatisfy(r -> assertThat(r.value().getExtension("tenant")).isEqualTo("acme"));
    // and the target that asked for structured mode has every event in it, whatever its mode
    Map<String, ConsumerRecord<String, CloudEvent>> structured =
        SdkEvents.readAll(
            platform.bootstrapServers(), Topology.deliveryTopic("sdk-all", "out"), 2 * n);
    assertThat(structured).hasSize(2 * n);
    assertThat(structured.values())
        .allSatisfy(
            r -> {
              assertThat(r.headers().lastHeader("content-type").value())
                  .asString(StandardCharsets.UTF_8)
                  .isEqualTo("application/cloudevents+json");
              assertThat(r.headers().lastHeader("ce_id")).isNull();
              assertThat(r.value().getExtension("tenant")).isEqualTo("acme");
            });
    // and every event the function refused is a delivery dead letter the SDK reads too, in the
    // mode it came, with why it was refused beside it
    Map<String, ConsumerRecord<String, CloudEvent>> refused =
        SdkEvents.readAll(
            platform.bootstrapServers(), Topology.deadLetterTopic("sdk-refused", "fn"), 2 * n);
    refusing.close();
    assertThat(refused).hasSize(2 * n);
    assertThat(refused.values())
        .allSatisfy(
            r -> {
              assertThat(r.value().getType()).isEqualTo("order.paid");
              assertThat(r.value().getExtension("tenant")).isEqualTo("acme");
              assertThat(r.headers().lastHeader("railyard.error.stage").value())
                  .asString(StandardCharsets.UTF_8)
                  .isEqualTo("delivery");
              assertThat(r.headers().lastHeader("ce_id") != null)
                  .as("binary mode kept for " + r.value().getId())
                  .isEqualTo(r.value().getId().startsWith("binary-"));
            });
  }
}
