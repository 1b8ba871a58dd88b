package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.rules.model.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@WithPlatform(workers = 1)
class RoutingIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SWITCHING = Topology.busTopic("switching");
  private static final String[] TYPES = {"order.paid", "order.created", "order.refunded"};
  private static final String[] COUNTRIES = {"US", "DE", "FR", "JP"};

  @Test
  void shouldDeliverToEachTargetExactlyTheEventsItsRuleMatchesTransformedAndInKeyOrder(
      ApiClient api, Path dataDir) throws Exception {
    // given three rules on one bus, each with a file target
    ApiClient.Response applied =
        api.post(
            "/api/v1/rules:apply?file=shop.yaml",
            """
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: big-paid}
        spec:
          bus: shop
          pattern: {type: ["order.paid"], data: {amount: [{numeric: [">", 100]}]}}
          transform:
            paths: {id: "$.data.id", amount: "$.data.amount"}
            template: '{"orderId": "<id>", "amount": <amount>}'
          targets:
            - name: billing
              config: {connector.class: FileStreamSink, file: "%1$s/big-paid.jsonl"}
        ---
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: created}
        spec:
          bus: shop
          pattern: {type: ["order.created"]}
          targets:
            - name: audit
              config: {connector.class: FileStreamSink, file: "%1$s/created.jsonl"}
        ---
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: abroad}
        spec:
          bus: shop
          pattern: {data: {country: [{anything-but: ["US"]}]}}
          transform: {inputPath: "$.data"}
          targets:
            - name: export
              config: {connector.class: FileStreamSink, file: "%1$s/abroad.jsonl"}
        """
                .formatted(dataDir));
    assertThat(applied.status()).as(applied.body()).isEqualTo(200);
    assertThat(applied.json().get("rules").findValuesAsText("action"))
        .containsOnly("created")
        .hasSize(3);

    // when 10,000 mixed events are put on the bus
    Random random = new Random(42);
    Map<String, Set<Integer>> expected =
        Map.of("big-paid", new HashSet<>(), "created", new HashSet<>(), "abroad", new HashSet<>());
    int[] seqPerKey = new int[50];
    for (int batch = 0; batch < 20; batch++) {
      StringBuilder body = new StringBuilder("[");
      for (int i = 0; i < 500; i++) {
        int id = batch * 500 + i;
        int key = random.nextInt(50);
        String type = TYPES[random.nextInt(3)];
        int amount = random.nextInt(200);
        String country = COUNTRIES[random.nextInt(4)];
        if (type.equals("order.paid") && amount > 100) {
          expected.get("big-paid").add(id);
        }
        if (type.equals("order.created")) {
          expected.get("created").add(id);
        }
        if (!country.equals("US")) {
          expected.get("abroad").add(id);
        }
        body.append(i == 0 ? "" : ",")
            .append(
                String.format(
                    "{\"bus\":\"shop\",\"source\":\"shop\",\"type\":\"%s\",\"subject\":\"k%d\","
                        + "\"data\":{\"id\":%d,\"key\":%d,\"seq\":%d,\"amount\":%d,\"country\":\"%s\"}}",
                    type, key, id, key, seqPerKey[key]++, amount, country));
      }
      ApiClient.Response put = api.post("/api/v1/events", body.append("]").toString());
      assertThat(put.json().get("failedEntryCount").asInt()).as(put.body()).isZero();
    }

    // then each file holds exactly its rule's events, transformed as written
    List<JsonNode> bigPaid =
        RuleFixtures.awaitLines(dataDir.resolve("big-paid.jsonl"), expected.get("big-paid").size());
    assertThat(bigPaid)
        .allSatisfy(
            l -> assertThat(l.fieldNames()).toIterable().containsExactly("orderId", "amount"));
    assertThat(ids(bigPaid, "orderId")).isEqualTo(expected.get("big-paid"));
    assertThat(bigPaid).allSatisfy(l -> assertThat(l.get("amount").asInt()).isGreaterThan(100));

    List<JsonNode> created =
        RuleFixtures.awaitLines(dataDir.resolve("created.jsonl"), expected.get("created").size());
    assertThat(created).allSatisfy(l -> assertThat(l.get("specversion").asText()).isEqualTo("1.0"));
    assertThat(ids(created, "data.id")).isEqualTo(expected.get("created"));

    List<JsonNode> abroad =
        RuleFixtures.awaitLines(dataDir.resolve("abroad.jsonl"), expected.get("abroad").size());
    assertThat(ids(abroad, "id")).isEqualTo(expected.get("abroad"));
    assertInKeyOrder(abroad);

    // and the figures per target say so, in the API and in the metrics
    int big = expected.get("big-paid").size();
    await("big-paid figures")
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              JsonNode stats =
                  api.get("/api/v1/rules/big-paid").json().path("targets").path(0).path("stats");
              return stats.path("routed").asInt() == big && stats.path("lag").asInt() == 0;
            });
    assertThat(api.get("/metrics").body())
        .contains("railyard_target_routed{rule=\"big-paid\",target=\"billing\"} " + big + ".0");

    // and each rule counted, in its router task, exactly the events it matched
    for (String rule : expected.keySet()) {
      int matched = expected.get(rule).size();
      await("the router's count of the events " + rule + " matched (" + matched + ") in the API")
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(RuleFixtures.targetStats(api, rule, 0).path("matched").asInt())
                      .as(rule + " matched")
                      .isEqualTo(matched));
      assertThat(RuleFixtures.targetStats(api, rule, 0).path("transformErrors").asInt()).isZero();
    }
    assertThat(api.get("/metrics").body())
        .contains("railyard_target_matched{rule=\"big-paid\",target=\"billing\"} " + big + ".0");
  }

  @Test
  void shouldFollowAPatternChangeWithoutRestartingTheRouter(
      ApiClient api, Path dataDir, Platform platform) throws Exception {
    // given a rule routing type "a" events of bus "switching"
    Path file = dataDir.resolve("switching.jsonl");
    RuleFixtures.applyOk(api, switchRule("a", file));
    putTyped(api, "a", "before-1");
    RuleFixtures.awaitLines(file, 1);
    long routerStarts = routerStarts(dataDir);

    // when its pattern is changed to type "b" while events flow
    RuleFixtures.applyOk(api, switchRule("b", file));
    try (KafkaProducer<String, String> bus = producer(platform)) {
      int partitions = bus.partitionsFor(SWITCHING).size();
      // each router task applies the new pattern once a type "b" event of each of its partitions
      // is routed; until then, probe the partitions not yet proven
      await("a type \"b\" probe routed from each of the " + partitions + " partitions of the bus")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                Set<String> routed = namesIn(file);
                for (int p = 0; p < partitions; p++) {
                  if (!routed.contains("probe-b-" + p)) {
                    sendTyped(bus, p, "b", "probe-b-" + p);
                  }
                }
                return IntStream.range(0, partitions)
                    .allMatch(p -> routed.contains("probe-b-" + p));
              });
      // one key per partition: had "after-a" been routed, it would be delivered before "after-b"
      for (int p = 0; p < partitions; p++) {
        sendTyped(bus, p, "a", "after-a-" + p);
        sendTyped(bus, p, "b", "after-b-" + p);
      }

      // then events after the change follow the new rule, and no router task was restarted
      await("after-b delivered from each of the " + partitions + " partitions")
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                Set<String> delivered = namesIn(file);
                return IntStream.range(0, partitions)
                    .allMatch(p -> delivered.contains("after-b-" + p));
              });
    }
    assertThat(namesIn(file)).noneMatch(n -> n.startsWith("after-a"));
    assertThat(routerStarts(dataDir)).isEqualTo(routerStarts);
  }

  @Test
  void shouldRefuseAFileWithOneBadRuleNamingItsLineAndKeepTheRulesInForce(ApiClient api) {
    JsonNode before = RuleFixtures.rulesWithoutFigures(api);

    ApiClient.Response refused =
        api.post(
            "/api/v1/rules:apply?file=mixed.yaml",
            """
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: good-one}
        spec:
          bus: shop
          pattern: {type: ["x"]}
          targets: [{name: t, config: {connector.class: FileStreamSink, file: /tmp/x}}]
        ---
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: bad-one}
        spec:
          bus: shop
          pattern: {data: {amount: [{numeric: [">"]}]}}
          targets: [{name: t, config: {connector.class: FileStreamSink, file: /tmp/y}}]
        """);

    assertThat(refused.status()).isEqualTo(400);
    JsonNode problems = refused.json().get("error").get("details").get("problems");
    assertThat(problems.get(0).asText())
        .startsWith("mixed.yaml:14:40 [doc 2] spec.pattern.data.amount")
        .contains("numeric");
    assertThat(RuleFixtures.rulesWithoutFigures(api))
        .as("the rules in force, their moving figures aside")
        .isEqualTo(before);
    assertThat(api.get("/api/v1/rules/good-one").status()).isEqualTo(404);
  }

  @Test
  void shouldSetAsideAnEventItCannotReadAndKeepRouting(
      ApiClient api, Path dataDir, Platform platform) throws Exception {
    // given a rule on a bus, and an event nested far deeper than any matcher should recurse
    Path file = dataDir.resolve("deep.jsonl");
    RuleFixtures.applyOk(
        api,
        """
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: deep}
        spec:
          bus: deep
          pattern: {data: {a: [1]}}
          targets:
            - name: out
              config: {connector.class: FileStreamSink, file: "%s"}
        """
            .formatted(file));
    String deep =
        "{\"specversion\":\"1.0\",\"id\":\"deep\",\"source\":\"s\",\"type\":\"t\","
            + "\"data\":{\"a\":"
            + "[".repeat(20_000)
            + "]".repeat(20_000)
            + "}}";
    try (KafkaProducer<String, String> producer = producer(platform)) {
      producer.send(new ProducerRecord<>(Topology.busTopic("deep"), "k", deep)).get();
    }

    // when a normal event follows it
    api.post(
        "/api/v1/events",
        "[{\"bus\":\"deep\",\"source\":\"s\",\"type\":\"t\","
            + "\"subject\":\"k\",\"data\":{\"a\":1}}]");

    // then the router is still routing, and the deep event waits in the bus's dead letters
    List<JsonNode> lines = RuleFixtures.awaitLines(file, 1);
    assertThat(lines.get(0).path("data").path("a").asInt()).isEqualTo(1);
    assertThat(DeadLetterReader.read(platform.bootstrapServers(), "railyard.dlq.bus.deep", 1))
        .singleElement()
        .satisfies(h -> assertThat(h.get("railyard.error.message")).contains("nested deeper"));
    assertThat(api.get("/api/v1/connectors/railyard.router.deep").json().path("tasks"))
        .allSatisfy(t -> assertThat(t.path("state").asText()).isEqualTo("RUNNING"));
  }

  static String switchRule(String type, Path file) {
    return """
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: switching}
        spec:
          bus: switching
          pattern: {type: ["%s"]}
          targets:
            - name: out
              config: {connector.class: FileStreamSink, file: "%s"}
        """
        .formatted(type, file);
  }

  private static void putTyped(ApiClient api, String type, String n) {
    ApiClient.Response r =
        api.post(
            "/api/v1/events",
            "[{\"bus\":\"switching\",\"source\":\"s\","
                + "\"type\":\""
                + type
                + "\",\"data\":{\"n\":\""
                + n
                + "\"}}]");
    assertThat(r.status()).isEqualTo(200);
  }

  private static KafkaProducer<String, String> producer(Platform platform) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
  }

  /** Writes a CloudEvent of {@code type} with data {@code {"n": n}} to one partition of the bus. */
  private static void sendTyped(
      KafkaProducer<String, String> bus, int partition, String type, String n) throws Exception {
    String event =
        JSON.createObjectNode()
            .put("specversion", "1.0")
            .put("id", UUID.randomUUID().toString())
            .put("source", "s")
            .put("type", type)
            .set("data", JSON.createObjectNode().put("n", n))
            .toString();
    bus.send(new ProducerRecord<>(SWITCHING, partition, "k" + partition, event)).get();
  }

  private static Set<String> namesIn(Path file) {
    Set<String> names = new HashSet<>();
    RuleFixtures.linesOf(file).forEach(l -> names.add(l.path("data").path("n").asText()));
    return names;
  }

  private static long routerStarts(Path dataDir) throws Exception {
    long starts = 0;
    try (var logs = Files.list(dataDir.resolve("logs"))) {
      for (Path log : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
        starts +=
            Files.readAllLines(log).stream()
                .filter(l -> l.contains("Router of bus switching started"))
                .count();
      }
    }
    return starts;
  }

  private static Set<Integer> ids(List<JsonNode> lines, String field) {
    Set<Integer> ids = new HashSet<>();
    for (JsonNode l : lines) {
      JsonNode node = l;
      for (String part : field.split("\\.")) {
        node = node.path(part);
      }
      ids.add(node.asInt());
    }
    return ids;
  }

  private static void assertInKeyOrder(List<JsonNode> lines) {
    Map<Integer, Integer> last = new HashMap<>();
    for (JsonNode l : lines) {
      int key = l.get("key").asInt();
      int seq = l.get("seq").asInt();
      assertThat(seq).as("seq of key " + key).isGreaterThan(last.getOrDefault(key, -1));
      last.put(key, seq);
    }
  }
}
