package dev.railyard.host;

import static dev.railyard.host.EndpointRules.awaitAllDelivered;
import static dev.railyard.host.EndpointRules.awaitRetries;
import static dev.railyard.host.EndpointRules.putEvents;
import static dev.railyard.host.EndpointRules.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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
  void shouldDeliverEveryEventInBatchesWithRequestsInFlightOnceAnEndpointComesBack(
      ApiClient api, Path dataDir) throws IOException {
    // given an HTTP target sending CloudEvents batches of 20, four requests at once, whose
    // endpoint is down
    try (Endpoint endpoint = Endpoint.start(503)) {
      RuleFixtures.applyOk(
          api,
          rule(
              "batches",
              dataDir.resolve("batches.jsonl"),
              endpoint,
              "{initialBackoffMs: 50, maxBackoffMs: 200}",
              "http.batch.max.records: \"20\"\n        http.max.in.flight: \"4\"\n"
                  + "        http.cloudevents.mode: batched"));

      // when 200 events flow during the outage (the guard then tries them one by one, each an
      // array of one), and the endpoint comes back
      Set<String> sent = putEvents(api, "batches", 200);
      awaitRetries(endpoint);
      endpoint.answer(200);

      // then every event arrives, none is dead-lettered
      await("the 200 events of batches at the endpoint")
          .atMost(Duration.ofSeconds(150))
          .until(() -> EventIds.allIn(endpoint.delivered()).containsAll(sent));
      await("the figures of batches.fn")
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> RuleFixtures.targetStats(api, "batches", 1).path("delivered").asInt() >= 200);
      assertThat(RuleFixtures.targetStats(api, "batches", 1).path("deadLettered").asInt()).isZero();
      assertThat(endpoint.delivered()).allSatisfy(body -> assertThat(body).startsWith("["));
    }
  }

  @Test
  void shouldDeliverOrDeadLetterEveryEventOfALingeringTargetThroughAnOutage(
      ApiClient api, Path dataDir, Platform platform) throws IOException {
    // given an HTTP target whose requests linger 300 ms for up to 20 events, four at once, and
    // whose records are dead-lettered after two retries
    try (Endpoint endpoint = Endpoint.start(200)) {
      RuleFixtures.applyOk(
          api,
          rule(
              "linger",
              dataDir.resolve("linger.jsonl"),
              endpoint,
              "{maxAttempts: 2, initialBackoffMs: 50, maxBackoffMs: 200}",
              "http.batch.max.records: \"20\"\n        http.max.in.flight: \"4\"\n"
                  + "        http.batch.linger.ms: \"300\""));
      try (KafkaConsumer<byte[], byte[]> letters =
          deadLetters(platform, "railyard.dlq.linger.fn")) {
        deliverOrDeadLetterThroughAnOutage(api, endpoint, letters);
      }
    }
  }

  private static void deliverOrDeadLetterThroughAnOutage(
      ApiClient api, Endpoint endpoint, KafkaConsumer<byte[], byte[]> letters) {
    // when events flow while the endpoint is up, then while it is down until the first of them
    // is dead-lettered (requests failing after the puts that took them returned), then up again
    Set<String> sent = new HashSet<>(putEvents(api, "linger", 60));
    await("the first events at the endpoint")
        .atMost(Duration.ofSeconds(60))
        .until(() -> !endpoint.delivered().isEmpty());
    endpoint.answer(503);
    sent.addAll(putEvents(api, "linger", 100));
    Set<String> lettered = new HashSet<>();
    await("a dead letter of linger.fn")
        .atMost(Duration.ofSeconds(90))
        .until(() -> readLetters(letters, lettered));
    endpoint.answer(200);
    sent.addAll(putEvents(api, "linger", 40));

    // then every event was delivered or dead-lettered, none lost, nothing else
    await("every one of the 200 events of linger delivered or dead-lettered")
        .atMost(Duration.ofSeconds(150))
        .until(
            () -> readLetters(letters, lettered) && settled(endpoint, lettered).containsAll(sent));
    assertThat(settled(endpoint, lettered)).isEqualTo(sent);
    assertThat(lettered).isNotEmpty().hasSizeLessThan(200);
    assertThat(endpoint.delivered()).allSatisfy(body -> assertThat(body).startsWith("["));
  }

  /** Adds the event ids of the dead letters come since; whether there is any. */
  private static boolean readLetters(KafkaConsumer<byte[], byte[]> letters, Set<String> ids) {
    letters.poll(Duration.ofMillis(200)).forEach(r -> ids.add(header(r, "railyard.event.id")));
    return !ids.isEmpty();
  }

  private static Set<String> settled(Endpoint endpoint, Set<String> lettered) {
    Set<String> settled = new HashSet<>(EventIds.allIn(endpoint.delivered()));
    settled.addAll(lettered);
    return settled;
  }

  private static KafkaConsumer<byte[], byte[]> deadLetters(Platform platform, String topic) {
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    await(topic + " made by the rule")
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(() -> !consumer.partitionsFor(topic).isEmpty());
    DeadLetterReader.fromBeginning(consumer, topic);
    return consumer;
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
    Header h = record.headers().lastHeader(key);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
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
  void shouldSendAnEventIdThatLooksLikeANumberAsItWasWritten(ApiClient api, Path dataDir)
      throws IOException {
    try (Endpoint endpoint = Endpoint.start(200)) {
      RuleFixtures.applyOk(api, rule("ids", dataDir.resolve("ids.jsonl"), endpoint, "{}", ""));

      ApiClient.Response put =
          api.post(
              "/api/v1/events",
              """
              [{"specversion": "1.0", "id": "0042", "source": "s", "type": "t", "bus": "ids",
                "data": {}}]""");
      assertThat(put.json().get("failedEntryCount").asInt()).as(put.body()).isZero();

      await("event 0042 at the endpoint")
          .atMost(Duration.ofSeconds(60))
          .until(() -> !endpoint.delivered().isEmpty());
      assertThat(endpoint.attemptsById()).containsOnlyKeys("0042");
      // the rule and target headers the guard gives the sink's records, forwarded once each
      assertThat(endpoint.routes()).isNotEmpty().containsOnly("ids.fn");
    }
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
