package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What happens after routing: the figures of a rule, replaying a window, targets that cannot take
 * their events, and targets refused before they are stored.
 */
@WithPlatform(workers = 1)
class DeliveryIT {

  @Test
  void shouldCountEachEventItMatchedAndEachTransformThatFailed(ApiClient api, Path dataDir) {
    // given a rule whose template renders JSON for a numeric amount only
    Path file = dataDir.resolve("counted.jsonl");
    RuleFixtures.applyOk(
        api,
        """
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: counted}
        spec:
          bus: counted
          pattern: {type: ["order.paid"]}
          transform:
            paths: {amount: "$.data.amount"}
            template: '{"amount": <amount>1}'
          targets:
            - name: out
              config: {connector.class: FileStreamSink, file: "%s"}
        """
            .formatted(file));

    // when two events it matches arrive, one whose amount is not a number, and one it does not
    // match
    ApiClient.Response put =
        api.post(
            "/api/v1/events",
            "["
                + "{\"bus\":\"counted\",\"source\":\"s\",\"type\":\"order.paid\",\"data\":{\"amount\":2}},"
                + "{\"bus\":\"counted\",\"source\":\"s\",\"type\":\"order.paid\",\"data\":{\"amount\":true}},"
                + "{\"bus\":\"counted\",\"source\":\"s\",\"type\":\"order.created\",\"data\":{}}]");
    assertThat(put.json().get("failedEntryCount").asInt()).as(put.body()).isZero();

    // then the good one is delivered, and the rule's figures count two matched, one transform error
    assertThat(RuleFixtures.awaitLines(file, 1).get(0).path("amount").asInt()).isEqualTo(21);
    // (routed comes from offsets refreshed every 5 s, the counts from the stats topic: wait for
    // both)
    await("matched 2, routed 1 and 1 transform error in the figures of counted.out")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode stats = RuleFixtures.targetStats(api, "counted", 0);
              assertThat(stats.path("matched").asInt()).as(stats.toString()).isEqualTo(2);
              assertThat(stats.path("routed").asInt()).as(stats.toString()).isEqualTo(1);
              assertThat(stats.path("transformErrors").asInt()).as(stats.toString()).isEqualTo(1);
            });
    assertThat(RuleFixtures.targetStats(api, "counted", 0).path("failed").asInt()).isZero();
    assertThat(api.get("/metrics").body())
        .contains("railyard_target_transform_errors{rule=\"counted\",target=\"out\"} 1.0");
  }

  @Test
  void shouldReplayExactlyTheMatchingEventsOfAWindow(ApiClient api, Path dataDir) {
    // given a rule whose target has seen events before, during and after a window
    Path file = dataDir.resolve("replayed.jsonl");
    RuleFixtures.applyOk(
        api,
        """
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: replayed}
        spec:
          bus: archive
          pattern: {type: ["keep"]}
          transform: {inputPath: "$.data"}
          targets:
            - name: out
              config: {connector.class: FileStreamSink, file: "%s"}
        """
            .formatted(file));
    putPhase(api, "before");
    Instant from = tick();
    putPhase(api, "inside");
    Instant to = tick();
    putPhase(api, "after");
    RuleFixtures.awaitLines(file, 3 * 20);

    // when the window is replayed
    ApiClient.Response started =
        api.post(
            "/api/v1/rules/replayed/replay",
            "{\"from\": \"" + from + "\", \"to\": \"" + to + "\"}");
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    String id = started.json().get("id").asText();
    await("replay " + id + " done")
        .atMost(Duration.ofSeconds(60))
        .until(() -> api.get("/api/v1/replays/" + id).json().path("state").asText().equals("DONE"));

    // then exactly the matching events of the window arrive once more
    JsonNode status = api.get("/api/v1/replays/" + id).json();
    assertThat(status.get("scanned").asInt()).isEqualTo(40);
    assertThat(status.get("matched").asInt()).isEqualTo(20);
    List<JsonNode> lines = RuleFixtures.awaitLines(file, 4 * 20);
    Map<String, Integer> perPhase = new HashMap<>();
    lines.forEach(l -> perPhase.merge(l.get("phase").asText(), 1, Integer::sum));
    assertThat(perPhase)
        .containsExactlyInAnyOrderEntriesOf(Map.of("before", 20, "inside", 40, "after", 20));
  }

  @Test
  void shouldRefuseAReplayWithABadWindowOrTarget(ApiClient api) {
    RuleFixtures.applyOk(api, RoutingIT.switchRule("a", Path.of("unused-switch.jsonl")));

    ApiClient.Response backwards =
        api.post(
            "/api/v1/rules/switching/replay",
            "{\"from\": \"2026-11-26T11:00:00Z\", \"to\": \"2026-11-26T10:00:00Z\"}");
    ApiClient.Response unknown =
        api.post(
            "/api/v1/rules/switching/replay",
            "{\"from\": \"2026-11-26T10:00:00Z\", \"to\": \"2026-11-26T11:00:00Z\","
                + " \"targets\": [\"nope\"]}");

    assertThat(backwards.status()).isEqualTo(400);
    assertThat(backwards.json().get("error").get("message").asText()).contains("must be before");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("error").get("message").asText()).contains("its targets: out");
  }

  @Test
  void shouldDeadLetterWhatOneTargetCannotTakeWhileTheOtherKeepsDeliveringThenRedrive(
      ApiClient api, Path dataDir, Platform platform) {
    // given a rule with a healthy target and one whose converter refuses every record
    Path healthy = dataDir.resolve("healthy.jsonl");
    Path repaired = dataDir.resolve("repaired.jsonl");
    RuleFixtures.applyOk(
        api,
        faultyRule(
            healthy,
            repaired,
            """
                value.converter: org.apache.kafka.connect.json.JsonConverter
                value.converter.schemas.enable: true
        """));

    // when events flow
    for (int i = 0; i < 10; i++) {
      api.post(
          "/api/v1/events",
          "[{\"bus\":\"faults\",\"source\":\"s\",\"type\":\"t\"," + "\"data\":{\"i\":" + i + "}}]");
    }

    // then the healthy target has them all, and the broken one's dead-letter topic too, with why;
    // Connect wrote these letters, before the guard, so their topic and Connect's headers name the
    // rule and target (the delivery records carry no railyard.rule or railyard.target header)
    RuleFixtures.awaitLines(healthy, 10);
    List<Map<String, String>> letters =
        DeadLetterReader.read(platform.bootstrapServers(), "railyard.dlq.faulty.broken", 10);
    assertThat(letters)
        .hasSize(10)
        .allSatisfy(
            h -> {
              assertThat(h)
                  .containsEntry("__connect.errors.topic", "railyard.to.faulty.broken")
                  .containsEntry("__connect.errors.connector.name", "railyard.to.faulty.broken")
                  .doesNotContainKeys("railyard.rule", "railyard.target")
                  .containsKey("__connect.errors.exception.class.name")
                  .containsKey("__connect.errors.exception.message");
            });
    JsonNode listed = api.get("/api/v1/rules/faulty/deadletters").json().get("targets");
    assertThat(listed.findValuesAsText("target")).containsExactly("healthy", "broken");
    assertThat(listed.get(1).get("waiting").asInt()).isEqualTo(10);
    JsonNode peeked = api.get("/api/v1/rules/faulty/deadletters/broken?limit=3").json();
    assertThat(peeked.get("letters")).hasSize(3);

    // and once the target is repaired (the apply answers before Connect has restarted the
    // target's task with the new config, so probe events go through until one arrives; a probe
    // the old task still took is a dead letter too), a redrive delivers the letters, once
    RuleFixtures.applyOk(api, faultyRule(healthy, repaired, ""));
    AtomicInteger probes = new AtomicInteger();
    await("a probe event through the repaired target")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              api.post(
                  "/api/v1/events",
                  "[{\"bus\":\"faults\",\"source\":\"s\",\"type\":\"t\",\"data\":{\"probe\":"
                      + probes.incrementAndGet()
                      + "}}]");
              return !RuleFixtures.linesOf(repaired).isEmpty();
            });
    await("every probe delivered or dead-lettered")
        .atMost(Duration.ofSeconds(60))
        .until(() -> RuleFixtures.linesOf(repaired).size() + waiting(api) - 10 == probes.get());
    int waitingLetters = waiting(api);
    JsonNode redriven = api.post("/api/v1/rules/faulty/deadletters/broken/redrive", "").json();
    assertThat(redriven.get("redriven").asInt()).as(redriven.toString()).isEqualTo(waitingLetters);
    RuleFixtures.awaitLines(repaired, 10 + probes.get());
    assertThat(RuleFixtures.linesOf(repaired)).as("each event once").hasSize(10 + probes.get());
    assertThat(
            api.post("/api/v1/rules/faulty/deadletters/broken/redrive", "")
                .json()
                .get("redriven")
                .asInt())
        .isZero();
    assertThat(waiting(api)).isZero();
  }

  /** The broken target's dead letters not redriven yet. */
  private static int waiting(ApiClient api) {
    return api.get("/api/v1/rules/faulty/deadletters")
        .json()
        .get("targets")
        .get(1)
        .get("waiting")
        .asInt();
  }

  @Test
  void shouldRefuseARuleWhoseTargetTheSinkWouldRejectAndChangeNothing(ApiClient api) {
    // given a rule in force
    RuleFixtures.applyOk(api, RoutingIT.switchRule("a", Path.of("unused-refusal.jsonl")));
    JsonNode before = api.get("/api/v1/rules/switching").json().get("document");

    // when a file changes it to use an HTTP target without a usable URL, and adds another rule
    ApiClient.Response refused =
        api.post(
            "/api/v1/rules:apply",
            """
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: switching}
        spec:
          bus: switching
          pattern: {type: ["b"]}
          targets:
            - name: out
              config: {connector.class: dev.railyard.sinks.http.HttpSinkConnector, http.url: "ftp://x"}
        ---
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: other}
        spec:
          bus: switching
          pattern: {type: ["c"]}
          targets:
            - name: out
              config: {connector.class: NoSuchSink}
        """);

    // then it is refused naming the rule, target and key, and nothing changed
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    String message = refused.json().get("error").get("message").asText();
    assertThat(message)
        .contains("rule switching, target out: config 'http.url'")
        .contains("rule other, target out:")
        .contains("NoSuchSink");
    assertThat(api.get("/api/v1/rules/switching").json().get("document")).isEqualTo(before);
    assertThat(api.get("/api/v1/rules/other").status()).isEqualTo(404);
  }

  private static String faultyRule(Path healthy, Path repaired, String brokenConverter) {
    return """
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: faulty}
        spec:
          bus: faults
          pattern: {type: ["t"]}
          targets:
            - name: healthy
              config: {connector.class: FileStreamSink, file: "%s"}
            - name: broken
              retry: {maxAttempts: 0, maxAgeSeconds: 60}
              config:
                connector.class: FileStreamSink
                file: "%s"
        %s"""
        .formatted(healthy, repaired, brokenConverter);
  }

  private static void putPhase(ApiClient api, String phase) {
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < 20; i++) {
      body.append(i == 0 ? "" : ",")
          .append(
              "{\"bus\":\"archive\",\"source\":\"s\",\"type\":\"keep\",\"data\":" + "{\"phase\":\"")
          .append(phase)
          .append("\",\"i\":")
          .append(i)
          .append("}},")
          .append(
              "{\"bus\":\"archive\",\"source\":\"s\",\"type\":\"skip\",\"data\":" + "{\"phase\":\"")
          .append(phase)
          .append("\"}}");
    }
    ApiClient.Response r = api.post("/api/v1/events", body.append("]").toString());
    assertThat(r.json().get("failedEntryCount").asInt()).as(r.body()).isZero();
  }

  // a boundary strictly between the records written before and after it (timestamps are in ms)
  private static Instant tick() {
    Instant at = Instant.now().plusMillis(1);
    await("the clock past " + at)
        .atMost(Duration.ofSeconds(1))
        .until(() -> Instant.now().isAfter(at.plusMillis(1)));
    return at;
  }
}
