package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Apache Camel Kafka Connector, a large plugin nobody here wrote, installed from Maven Central
 * coordinates through {@code POST /api/v1/plugins}: the RabbitMQ connectors from their package
 * archive (which brings its own Camel, Jackson 2.12, kafka-clients 2.8 and slf4j 1.7) run against
 * the machine's RabbitMQ; Camel's core from its jar, with the dependency tree Railyard resolves,
 * whose Kafka component cannot run on Kafka 4 and says why in the dead letters. The Camel 4.x
 * connectors are not served by the registry this machine reaches (see docs/connectors/camel.md).
 */
@WithPlatform(workers = 1, shared = "connectors", settings = ConnectorPlugins.EXACTLY_ONCE)
class CamelConnectorsIT {

  static final String CAMEL_RABBITMQ =
      "org.apache.camel.kafkaconnector:camel-rabbitmq-kafka-connector:0.11.5:package@tar.gz";
  static final String SOURCE =
      "org.apache.camel.kafkaconnector.rabbitmq.CamelRabbitmqSourceConnector";
  static final String SINK = "org.apache.camel.kafkaconnector.rabbitmq.CamelRabbitmqSinkConnector";
  static final String CAMEL_CORE = "org.apache.camel.kafkaconnector:camel-kafka-connector:0.11.0";
  static final String CAMEL_SINK = "org.apache.camel.kafkaconnector.CamelSinkConnector";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldCarryEveryRabbitMqMessageOntoABusAndTheChosenOnesToAnotherQueue(
      ApiClient api, Path dataDir) throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String in = "railyard-it-in-" + run;
    String out = "railyard-it-out-" + run;
    try (RabbitQueues rabbit = RabbitQueues.connect().declare(in).declare(out)) {
      // given the Camel RabbitMQ connectors installed from their package archive on Maven Central
      JsonNode plugin = ConnectorPlugins.installMaven(api, CAMEL_RABBITMQ, SOURCE).json();
      assertThat(plugin.toString()).contains(SOURCE, SINK, "0.11.5");

      // and a rule sending the high readings to queue out through the Camel sink, and one
      // writing every reading to a file, both on bus readings
      Path all = dataDir.resolve("readings-" + run + ".jsonl");
      RuleFixtures.applyOk(api, rules(run, out, all));

      // and the Camel source reading queue in onto the bus
      ApiClient.Response source = api.put("/api/v1/connectors/camel-in-" + run, source(run, in));
      assertThat(source.status()).as(source.body()).isEqualTo(201);
      ConnectorsApiIT.awaitState(api, "camel-in-" + run, "RUNNING");

      // when 40 readings are published to queue in, every fourth one high
      Set<String> high = new HashSet<>();
      Set<String> sent = new HashSet<>();
      for (int i = 0; i < 40; i++) {
        String id = run + "-" + i;
        String level = i % 4 == 0 ? "high" : "normal";
        rabbit.publish(in, reading(id, level, i));
        sent.add(id);
        if (level.equals("high")) {
          high.add(id);
        }
      }

      // then every reading reached the bus, and queue out holds the ten high ones, no other
      assertThat(ids(RuleFixtures.awaitLines(all, 40))).isEqualTo(sent);
      List<String> delivered = rabbit.take(out, 10);
      assertThat(delivered.stream().map(CamelConnectorsIT::idOf).toList())
          .containsExactlyInAnyOrderElementsOf(high);
      assertThat(rabbit.waiting(out)).isZero();
      assertThat(rabbit.waiting(in)).isZero();
    }
  }

  @Test
  void shouldSayInTheApiWhyACamelConnectorFailsOnAComponentItsPluginLacks(ApiClient api) {
    // given the Camel RabbitMQ plugin, whose package holds Camel's core and RabbitMQ only
    ConnectorPlugins.installMaven(api, CAMEL_RABBITMQ, SOURCE);
    String name = "camel-nats-" + UUID.randomUUID().toString().substring(0, 8);

    // when Camel's generic source is given a NATS route
    ApiClient.Response created =
        api.put(
            "/api/v1/connectors/" + name,
            """
            {"connector.class": "org.apache.camel.kafkaconnector.CamelSourceConnector",
             "topics": "railyard.bus.%s",
             "camel.source.url": "nats:readings?servers=127.0.0.1:4222"}"""
                .formatted(name));
    assertThat(created.status()).as(created.body()).isEqualTo(201);

    // then its task fails, and the connector's view says which component is missing
    await(name + "'s task failed with a trace")
        .atMost(Duration.ofSeconds(60))
        .until(() -> failedTrace(api, name).contains("nats"));
    assertThat(failedTrace(api, name))
        .contains(
            "No endpoint could be found for: nats://readings",
            "please check your classpath contains the needed Camel component jar");
    assertThat(api.delete("/api/v1/connectors/" + name).status()).isEqualTo(200);
  }

  @Test
  void shouldInstallCamelsCoreFromItsJarAndDeadLetterWhatItsKafkaComponentCannotSend(
      ApiClient api, Path dataDir, Platform platform) {
    // given Camel Kafka Connector's core installed from its jar, the resolver bringing its ~50
    // dependencies (Camel 3.11, Apicurio, Kotlin, OkHttp) less the worker's Kafka, slf4j, Jackson
    JsonNode plugin = ConnectorPlugins.installMaven(api, CAMEL_CORE, CAMEL_SINK).json();
    assertThat(plugin.path("version").asText()).as(plugin.toString()).isEqualTo("0.11.0");
    assertThat(plugin.toString()).contains(CAMEL_SINK, "CamelSourceConnector");

    // and a rule whose target is Camel's generic sink with camel-kafka 3.11, built for
    // kafka-clients 2.8 and running on the worker's 4.3.1
    String run = UUID.randomUUID().toString().substring(0, 8);
    RuleFixtures.applyOk(
        api, copyRules(run, dataDir.resolve("copy-" + run), platform.bootstrapServers()));

    // when 5 events are put on the rule's bus
    EndpointRules.putEvents(api, "orig-" + run, 5);

    // then each is dead-lettered with the clash as the reason: Kafka 4 has no DefaultPartitioner
    List<Map<String, String>> letters =
        DeadLetterReader.read(
            platform.bootstrapServers(), "railyard.dlq.to-camel-" + run + ".camel", 5);
    assertThat(letters)
        .hasSize(5)
        .allSatisfy(
            h ->
                assertThat(h.get("__connect.errors.exception.message"))
                    .contains(
                        "org.apache.kafka.clients.producer.internals.DefaultPartitioner",
                        "could not be found"));
  }

  // the second rule gives bus copy its topic, so the Camel producer has one to write to
  static String copyRules(String run, Path file, String bootstrap) {
    return """
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: to-camel-%1$s}
        spec:
          bus: orig-%1$s
          pattern: {type: ["t"]}
          targets:
            - name: camel
              config:
                connector.class: %2$s
                connector.plugin.version: "0.11.0"
                camel.sink.url: "kafka:railyard.bus.copy-%1$s?brokers=%3$s"
        ---
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: from-camel-%1$s}
        spec:
          bus: copy-%1$s
          pattern: {type: ["t"]}
          targets:
            - name: file
              config: {connector.class: FileStreamSink, file: "%4$s"}
        """
        .formatted(run, CAMEL_SINK, bootstrap, file);
  }

  // the trace of the connector or of its first failed task, or "" while none failed
  private static String failedTrace(ApiClient api, String name) {
    JsonNode view = api.get("/api/v1/connectors/" + name).json();
    if (view.path("state").asText().equals("FAILED")) {
      return view.path("trace").asText("");
    }
    for (JsonNode task : view.path("tasks")) {
      if (task.path("state").asText().equals("FAILED")) {
        return task.path("trace").asText("");
      }
    }
    return "";
  }

  // one line: the file target writes each event on a line of its own
  static String reading(String id, String level, int i) {
    return "{\"specversion\": \"1.0\", \"id\": \"%s\", \"source\": \"sensors\", \"type\": \"reading\", \"data\": {\"level\": \"%s\", \"i\": %d}}"
        .formatted(id, level, i);
  }

  static String source(String run, String queue) {
    return """
        {"connector.class": "%s",
         "topics": "railyard.bus.readings-%s",
         "value.converter": "org.apache.kafka.connect.converters.ByteArrayConverter",
         "camel.source.path.exchangeName": "amq.direct",
         "camel.source.endpoint.hostname": "%s",
         "camel.source.endpoint.portNumber": "%d",
         "camel.source.endpoint.username": "%s",
         "camel.source.endpoint.password": "%s",
         "camel.source.endpoint.queue": "%s",
         "camel.source.endpoint.declare": "false"}"""
        .formatted(
            SOURCE,
            run,
            RabbitQueues.HOST,
            RabbitQueues.PORT,
            RabbitQueues.USER,
            RabbitQueues.PASSWORD,
            queue);
  }

  static String rules(String run, String queue, Path file) {
    return """
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: high-%1$s}
        spec:
          bus: readings-%1$s
          pattern: {type: ["reading"], data: {level: ["high"]}}
          targets:
            - name: rabbit
              config:
                connector.class: %2$s
                camel.sink.path.exchangeName: amq.direct
                camel.sink.endpoint.hostname: "%3$s"
                camel.sink.endpoint.portNumber: "%4$d"
                camel.sink.endpoint.username: %5$s
                camel.sink.endpoint.password: %6$s
                camel.sink.endpoint.routingKey: %7$s
                camel.sink.endpoint.declare: "false"
        ---
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: all-%1$s}
        spec:
          bus: readings-%1$s
          pattern: {type: ["reading"]}
          targets:
            - name: file
              config: {connector.class: FileStreamSink, file: "%8$s"}
        """
        .formatted(
            run,
            SINK,
            RabbitQueues.HOST,
            RabbitQueues.PORT,
            RabbitQueues.USER,
            RabbitQueues.PASSWORD,
            queue,
            file);
  }

  static Set<String> ids(List<JsonNode> events) {
    Set<String> ids = new HashSet<>();
    events.forEach(e -> ids.add(e.path("id").asText()));
    return ids;
  }

  static String idOf(String body) {
    try {
      return JSON.readTree(body).path("id").asText();
    } catch (Exception e) {
      throw new IllegalStateException("not JSON: " + body, e);
    }
  }
}
