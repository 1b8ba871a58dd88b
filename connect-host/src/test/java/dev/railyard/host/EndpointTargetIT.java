package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Targets that fail to take events, through the delivery guard: a real HTTP endpoint (a function
 * target on Railyard's HTTP sink) that refuses, is down for a while, or is down while the worker
 * dies, next to a file target that keeps delivering. Every test counts what went in and came out.
 */
@WithPlatform(workers = 1)
class EndpointTargetIT {

  @Test
  void shouldRetryWithBackoffThenDeadLetterWhatAnEndpointKeepsRefusingWhileTheFileKeepsDelivering(
      ApiClient api, Path dataDir, Platform platform) throws IOException {
    // given a rule with a file target and an HTTP function target whose endpoint answers 503
    Path file = dataDir.resolve("hooks.jsonl");
    try (Endpoint endpoint = Endpoint.start(503)) {
      RuleFixtures.applyOk(
          api,
          rule(
              "hooks",
              file,
              endpoint,
              "{maxAttempts: 2, initialBackoffMs: 100, maxBackoffMs: 400}",
              "http.authorization: \"Bearer s3cret\""));

      // when ten events flow
      Set<String> sent = putEvents(api, "hooks", 10);

      // then the file has every event while each was tried three times at the endpoint, and
      // dead-lettered with the rule, target, error, attempts and failure times
      RuleFixtures.awaitLines(file, 10);
      assertThat(EventIds.in(file)).isEqualTo(sent);
      List<Map<String, String>> letters =
          DeadLetterReader.read(platform.bootstrapServers(), "railyard.dlq.hooks.fn", 10);
      assertThat(letters).hasSize(10).allSatisfy(EndpointTargetIT::isSpentAfterThreeAttempts);
      assertThat(letters.stream().map(h -> h.get("railyard.event.id")))
          .containsExactlyInAnyOrderElementsOf(sent);
      assertThat(endpoint.attemptsById().keySet()).isEqualTo(sent);
      assertThat(endpoint.attemptsById())
          .allSatisfy((id, n) -> assertThat(n).isGreaterThanOrEqualTo(3));

      // and the secret reached the endpoint but no answer shows it
      assertThat(endpoint.authorizations()).containsOnly("Bearer s3cret");
      assertThat(
              api.get("/api/v1/rules/hooks")
                  .json()
                  .at("/document/spec/targets/1/config")
                  .path("http.authorization")
                  .asText())
          .isEqualTo("********");
      assertThat(
              api.get("/api/v1/connectors/railyard.to.hooks.fn")
                  .json()
                  .path("config")
                  .path("http.authorization")
                  .asText())
          .isEqualTo("********");

      // and the failed attempts are counted for that target only
      await("the failed attempts counted for hooks.fn")
          .atMost(Duration.ofSeconds(30))
          .until(() -> RuleFixtures.targetStats(api, "hooks", 1).path("failed").asInt() >= 30);
      assertThat(RuleFixtures.targetStats(api, "hooks", 0).path("failed").asInt()).isZero();

      // and once the endpoint is back, a redrive delivers each letter as it was, once
      endpoint.answer(200);
      JsonNode redriven = api.post("/api/v1/rules/hooks/deadletters/fn/redrive", "").json();
      assertThat(redriven.get("redriven").asInt()).as(redriven.toString()).isEqualTo(10);
      await("the ten redriven events at the endpoint")
          .atMost(Duration.ofSeconds(60))
          .until(() -> endpoint.delivered().size() >= 10);
      assertThat(EventIds.in(endpoint.delivered())).isEqualTo(sent);
    }
  }

  @Test
  void shouldDeliverEveryEventOnceAnEndpointComesBackWithoutDeadLetteringAny(
      ApiClient api, Path dataDir) throws IOException {
    // given an HTTP target whose endpoint is down
    try (Endpoint endpoint = Endpoint.start(503)) {
      RuleFixtures.applyOk(
          api,
          rule(
              "outage",
              dataDir.resolve("outage.jsonl"),
              endpoint,
              "{initialBackoffMs: 50, maxBackoffMs: 200}",
              ""));

      // when 200 events flow during the outage, and the endpoint comes back
      Set<String> sent = putEvents(api, "outage", 200);
      awaitRetries(endpoint);
      endpoint.answer(200);

      // then every event arrives, none is dead-lettered
      awaitAllDelivered(api, "outage", endpoint, sent);
      assertThat(RuleFixtures.targetStats(api, "outage", 1).path("failed").asInt()).isPositive();
    }
  }

  @Test
  void shouldLoseNothingWhenTheWorkerDiesWhileATargetIsRetrying(
      ApiClient api, Path dataDir, Platform platform) throws IOException {
    // given a rule with a file target and an HTTP target whose endpoint is down
    Path file = dataDir.resolve("crash.jsonl");
    try (Endpoint endpoint = Endpoint.start(503)) {
      RuleFixtures.applyOk(
          api, rule("crash", file, endpoint, "{initialBackoffMs: 50, maxBackoffMs: 200}", ""));
      Set<String> sent = putEvents(api, "crash", 100);
      awaitRetries(endpoint);

      // when the worker dies mid-retry, and the endpoint comes back while it restarts
      String worker = api.get("/api/v1/workers").json().at("/workers/0/name").asText();
      platform.workers().kill(worker);
      endpoint.answer(200);

      // then both targets get every event once the worker is back, and nothing is dead-lettered
      awaitAllDelivered(api, "crash", endpoint, sent);
      assertThat(EventIds.in(file)).containsAll(sent);
      assertThat(api.get("/api/v1/workers").json().at("/workers/0/restarts").asInt()).isPositive();
    }
  }

  @Test
  void shouldParkAnEventTheEndpointRefusesWhileTheOthersGoOnAndDeliverItAfterACrash(
      ApiClient api, Path dataDir, Platform platform) throws IOException {
    // given an HTTP target that parks failing events, and an endpoint refusing one event only
    try (Endpoint endpoint = Endpoint.start(200)) {
      endpoint.refuse("\"i\":7}");
      RuleFixtures.applyOk(
          api,
          rule(
              "parked",
              dataDir.resolve("parked.jsonl"),
              endpoint,
              "{inOrder: false, initialBackoffMs: 200, maxBackoffMs: 1000}",
              ""));

      assertThat(api.get("/api/v1/rules/parked").json().at("/targets/1/retryTopic").asText())
          .isEqualTo("railyard.retry.parked.fn");

      // when 60 events flow
      Set<String> sent = putEvents(api, "parked", 60);

      // then the 59 others arrive while the refused one is retried from the retry topic
      await("59 events at the endpoint while one is refused")
          .atMost(Duration.ofSeconds(60))
          .until(() -> endpoint.delivered().size() >= 59);
      String refused =
          await("the refused event tried again")
              .atMost(Duration.ofSeconds(60))
              .until(
                  () ->
                      endpoint.attemptsById().entrySet().stream()
                          .filter(e -> e.getValue() >= 3)
                          .map(Map.Entry::getKey)
                          .toList(),
                  ids -> ids.size() == 1)
              .get(0);
      assertThat(EventIds.in(endpoint.delivered())).doesNotContain(refused).hasSize(59);
      await("the parked event counted as retrying, not delivered")
          .atMost(Duration.ofSeconds(30))
          .until(() -> RuleFixtures.targetStats(api, "parked", 1).path("retrying").asInt() == 1);
      assertThat(RuleFixtures.targetStats(api, "parked", 1).path("delivered").asInt())
          .isLessThan(60);

      // when the worker dies while the event is parked, and the endpoint takes it meanwhile
      String worker = api.get("/api/v1/workers").json().at("/workers/0/name").asText();
      platform.workers().kill(worker);
      endpoint.refuse(null);

      // then it is delivered from the retry topic after the restart, and nothing is lost
      awaitAllDelivered(api, "parked", endpoint, sent);
      await("nothing left retrying")
          .atMost(Duration.ofSeconds(30))
          .until(() -> RuleFixtures.targetStats(api, "parked", 1).path("retrying").asInt() == 0);
    }
  }

  /** A rule on bus {@code name} with a file target and an HTTP target named fn. */
  private static String rule(
      String name, Path file, Endpoint endpoint, String retry, String extraConfig) {
    return """
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: %1$s}
        spec:
          bus: %1$s
          pattern: {type: ["t"]}
          targets:
            - name: file
              config: {connector.class: FileStreamSink, file: "%2$s"}
            - name: fn
              retry: %3$s
              config:
                connector.class: dev.railyard.sinks.http.HttpSinkConnector
                http.url: "%4$s"
                %5$s
        """
        .formatted(name, file, retry, endpoint.url(), extraConfig);
  }

  /** Puts {@code count} events of type t on {@code bus}, 50 per request; their ids. */
  private static Set<String> putEvents(ApiClient api, String bus, int count) {
    Set<String> ids = new HashSet<>();
    for (int from = 0; from < count; from += 50) {
      StringBuilder batch = new StringBuilder("[");
      for (int i = from; i < Math.min(count, from + 50); i++) {
        batch
            .append(i == from ? "" : ",")
            .append("{\"bus\":\"")
            .append(bus)
            .append("\",\"source\":\"s\",\"type\":\"t\",\"data\":{\"i\":")
            .append(i)
            .append("}}");
      }
      ApiClient.Response r = api.post("/api/v1/events", batch.append("]").toString());
      assertThat(r.json().get("failedEntryCount").asInt()).as(r.body()).isZero();
      r.json().get("entries").forEach(e -> ids.add(e.get("eventId").asText()));
    }
    assertThat(ids).hasSize(count);
    return ids;
  }

  private static void awaitRetries(Endpoint endpoint) {
    await("the endpoint retried while down")
        .atMost(Duration.ofSeconds(60))
        .until(() -> endpoint.attemptsById().values().stream().mapToInt(n -> n).sum() >= 3);
  }

  private static void awaitAllDelivered(
      ApiClient api, String rule, Endpoint endpoint, Set<String> sent) {
    await("the " + sent.size() + " events of " + rule + " at the endpoint")
        .atMost(Duration.ofSeconds(150))
        .until(() -> EventIds.in(endpoint.delivered()).containsAll(sent));
    await("the figures of " + rule + ".fn")
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> RuleFixtures.targetStats(api, rule, 1).path("delivered").asInt() >= sent.size());
    assertThat(RuleFixtures.targetStats(api, rule, 1).path("deadLettered").asInt())
        .as(RuleFixtures.targetStats(api, rule, 1).toString())
        .isZero();
  }

  private static void isSpentAfterThreeAttempts(Map<String, String> headers) {
    assertThat(headers)
        .containsEntry("railyard.rule", "hooks")
        .containsEntry("railyard.target", "fn")
        .containsEntry("railyard.error.stage", "delivery")
        .containsEntry("railyard.error.class", "org.apache.kafka.connect.errors.RetriableException")
        .containsEntry("railyard.attempts", "3");
    assertThat(headers.get("railyard.error.message")).contains("503");
    Instant first = Instant.parse(headers.get("railyard.first.failure"));
    Instant last = Instant.parse(headers.get("railyard.last.failure"));
    assertThat(Duration.between(first, last))
        .as("two backoffs of at least 50 and 100 ms")
        .isGreaterThanOrEqualTo(Duration.ofMillis(150));
  }
}
