package dev.railyard.host;

import static dev.railyard.host.EndpointRules.awaitAllDelivered;
import static dev.railyard.host.EndpointRules.awaitRetries;
import static dev.railyard.host.EndpointRules.putEvents;
import static dev.railyard.host.EndpointRules.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Targets whose retry policy does not keep order ({@code inOrder: false}): a failing event is
 * parked in the target's retry topic while the others go on. Against a real HTTP endpoint, every
 * test counts what went in and what came out.
 */
@WithPlatform(workers = 1)
class ParkedDeliveryIT {

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

      // then the 59 others arrive while the refused one is retried from the retry topic (counted
      // by id: the one-by-one pass after the batch failed sends some of them twice)
      await("59 events at the endpoint while one is refused")
          .atMost(Duration.ofSeconds(60))
          .until(() -> EventIds.in(endpoint.delivered()).size() >= 59);
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
      JsonNode parked = api.get("/api/v1/rules/parked/retrying/fn").json();
      assertThat(parked.get("topic").asText()).isEqualTo("railyard.retry.parked.fn");
      assertThat(parked.get("retrying"))
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.get("eventId").asText()).isEqualTo(refused);
                assertThat(p.get("attempts").asInt()).isPositive();
                assertThat(p.get("errorMessage").asText()).contains("503");
                // the worker's StringConverter made the event's JSON a string for the sink
                assertThat(p.get("value").asText()).contains("\"i\":7}");
              });

      // when the worker dies while the event is parked (once the figures of the 59 delivered are
      // published: a task's counters since its last publication die with it), and the endpoint
      // takes it meanwhile
      await("the figures of the 59 delivered published")
          .atMost(Duration.ofSeconds(30))
          .until(() -> RuleFixtures.targetStats(api, "parked", 1).path("delivered").asInt() >= 59);
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

  @Test
  void shouldNotParkEveryEventDuringAnOutageAndDeliverThemAllOnceTheEndpointIsBack(
      ApiClient api, Path dataDir) throws IOException {
    // given a target that parks failing events, whose endpoint is down
    try (Endpoint endpoint = Endpoint.start(503)) {
      RuleFixtures.applyOk(
          api,
          rule(
              "down",
              dataDir.resolve("down.jsonl"),
              endpoint,
              "{inOrder: false, initialBackoffMs: 300, maxBackoffMs: 1000}",
              ""));

      // when 200 events flow during the outage
      Set<String> sent = putEvents(api, "down", 200);
      awaitRetries(endpoint);
      await("a parked event tried again")
          .atMost(Duration.ofSeconds(60))
          .until(() -> endpoint.attemptsById().values().stream().anyMatch(n -> n >= 2));

      // then the guard probes rather than parking each event after one try
      int parked = RuleFixtures.targetStats(api, "down", 1).path("retrying").asInt();
      assertThat(endpoint.attemptsById().size()).as("events tried at all").isLessThan(100);
      assertThat(parked).as("events parked").isLessThan(100);

      // and once the endpoint is back, every event arrives and nothing is left parked
      endpoint.answer(200);
      awaitAllDelivered(api, "down", endpoint, sent);
      await("nothing left retrying")
          .atMost(Duration.ofSeconds(30))
          .until(() -> RuleFixtures.targetStats(api, "down", 1).path("retrying").asInt() == 0);
    }
  }
}
