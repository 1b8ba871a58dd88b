package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Rules with an HTTP function target at an {@link Endpoint}, next to a file target, and the events
 * and waits the tests of failing targets share.
 */
final class EndpointRules {

  private EndpointRules() {}

  /** A rule on bus {@code name} with a file target and an HTTP target named fn. */
  static String rule(String name, Path file, Endpoint endpoint, String retry, String extraConfig) {
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
  static Set<String> putEvents(ApiClient api, String bus, int count) {
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

  static void awaitRetries(Endpoint endpoint) {
    await("the endpoint retried while down")
        .atMost(Duration.ofSeconds(60))
        .until(() -> endpoint.attemptsById().values().stream().mapToInt(n -> n).sum() >= 3);
  }

  static void awaitAllDelivered(ApiClient api, String rule, Endpoint endpoint, Set<String> sent) {
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
}
