package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Scale to zero of rule targets on real Connect workers: a new target has no connector, wakes at
 * its first events, falls asleep when idle, and wakes again; every event is delivered, counted.
 */
@WithPlatform(
    workers = 1,
    settings = {"rules.targets.sleep.after.seconds=3"})
class TargetSleepIT {

  private static final String CONNECTOR = "railyard.to.naps.audit";

  @Test
  void shouldDeliverEveryEventToATargetThatSleepsAndWakes(ApiClient api, Path dataDir)
      throws Exception {
    // given a rule whose target sleeps after 3 s without events
    Path file = dataDir.resolve("naps.jsonl");
    RuleFixtures.applyOk(
        api,
        """
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: naps}
        spec:
          bus: naps
          pattern: {type: ["t"]}
          targets:
            - name: audit
              config: {connector.class: FileStreamSink, file: "%s"}
        """
            .formatted(file));

    // then its target starts asleep: no connector
    assertThat(connectors(api)).doesNotContain(CONNECTOR).contains("railyard.router.naps");

    // when events are put, it wakes and delivers them
    Set<String> ids = new HashSet<>(EndpointRules.putEvents(api, "naps", 20));
    long put = System.nanoTime();
    RuleFixtures.awaitLines(file, 20);
    Duration wake = Duration.ofNanos(System.nanoTime() - put);
    System.out.printf("TargetSleepIT: first wake-up, PutEvents to 20 events delivered: %s%n", wake);
    assertThat(connectors(api)).contains(CONNECTOR);

    // and once idle, it falls asleep again, its connector removed
    await("the idle target's connector removed")
        .atMost(Duration.ofSeconds(60))
        .until(() -> !connectors(api).contains(CONNECTOR));

    // when more events come, it wakes again and delivers them
    ids.addAll(EndpointRules.putEvents(api, "naps", 20));
    put = System.nanoTime();
    List<JsonNode> lines = RuleFixtures.awaitLines(file, 40);
    System.out.printf(
        "TargetSleepIT: second wake-up, 20 events delivered in %s%n",
        Duration.ofNanos(System.nanoTime() - put));

    // then every event was delivered, none twice
    Map<String, Integer> seen = new HashMap<>();
    lines.forEach(l -> seen.merge(l.get("id").asText(), 1, Integer::sum));
    long duplicates = seen.values().stream().filter(n -> n > 1).count();
    System.out.printf(
        "TargetSleepIT: %d put, %d delivered, %d duplicates%n", 40, lines.size(), duplicates);
    assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(duplicates).isZero();
  }

  private static List<String> connectors(ApiClient api) {
    ApiClient.Response r = api.get("/connect/connectors");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    r.json().forEach(n -> names.add(n.asText()));
    return names;
  }
}
