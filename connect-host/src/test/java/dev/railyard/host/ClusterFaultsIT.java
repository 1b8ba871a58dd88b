package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.rules.model.Topology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Railyard on a cluster of three brokers, each a JVM of its own, with faults injected while events
 * flow: a broker killed with SIGKILL and started again, every worker killed at once, an endpoint
 * down for longer than its target's retries. Each test counts what PutEvents acknowledged against
 * what the target received: none lost, duplicates counted, printed and bounded.
 */
class ClusterFaultsIT {

  private static OnCluster<ThreeBrokers> on;

  @BeforeAll
  static void start() throws Exception {
    on =
        OnCluster.start(
            ThreeBrokers::start, 2, c -> Map.of("bootstrap.servers", c.bootstrapServers()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (on != null) {
      on.close();
    }
  }

  @Test
  void shouldReplicateEveryTopicRailyardCreatesThreeTimesWithTwoInSync() throws Exception {
    // given a rule with a target, so that its delivery, retry and dead-letter topics exist
    CountedStream.applyFileRule(
        on.api, "replicated", "replicated", on.dir.resolve("railyard/replicated.jsonl"));

    // then every topic Railyard and its workers made has three replicas, two of them in sync
    List<String> topics =
        List.of(
            Topology.busTopic("default"),
            Topology.busTopic("replicated"),
            Topology.deliveryTopic("replicated", "file"),
            Topology.busDeadLetterTopic("replicated"),
            Topology.deadLetterTopic("replicated", "file"),
            Topology.AUDIT_TOPIC,
            "railyard.rules",
            "railyard.stats",
            "railyard.connect.configs",
            "railyard.connect.offsets",
            "railyard.connect.status");
    try (Admin admin = on.cluster.admin()) {
      List<ConfigResource> resources = new ArrayList<>();
      topics.forEach(t -> resources.add(new ConfigResource(ConfigResource.Type.TOPIC, t)));
      Map<ConfigResource, Config> configs =
          admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
      for (String topic : topics) {
        assertThat(on.cluster.describe(topic).partitions())
            .as("replicas of the partitions of " + topic)
            .allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
        assertThat(
                configs
                    .get(new ConfigResource(ConfigResource.Type.TOPIC, topic))
                    .get("min.insync.replicas")
                    .value())
            .as("min.insync.replicas of " + topic)
            .isEqualTo("2");
      }
    }
  }

  @Test
  void shouldRefuseToStartWithMoreReplicasThanLiveBrokersNamingTheSetting() {
    Map<String, String> settings =
        Map.of(
            "bootstrap.servers", on.cluster.bootstrapServers(), "topics.replication.factor", "4");

    assertThatThrownBy(() -> TestPlatforms.start(on.dir.resolve("four-replicas"), 1, settings))
        .hasMessageContaining("topics.replication.factor")
        .hasMessageContaining("3 live broker(s)");
  }

  @Test
  void shouldLoseNoEventWhenABrokerIsKilledMidStreamAndRestarted() throws Exception {
    // given a rule whose target is a file, and events flowing in at 200 a second
    String bus = "broker-kill";
    Path file = on.dir.resolve("railyard/broker-kill.jsonl");
    CountedStream.applyFileRule(on.api, bus, bus, file);
    CountedStream.Tally tally;
    try (CountedStream stream = new CountedStream(() -> on.api, bus, 4000, 20, 100)) {
      // when the broker leading the bus's first partition dies with SIGKILL mid-stream
      stream.awaitAcknowledged(800, Duration.ofSeconds(60));
      int victim = on.cluster.leaderOf(Topology.busTopic(bus), 0);
      on.cluster.kill(victim);
      // and comes back once more events went through the two left
      stream.awaitAcknowledged(2400, Duration.ofSeconds(120));
      on.cluster.restart(victim);
      stream.awaitDone(Duration.ofSeconds(120));
      assertThat(stream.acknowledged()).as("acknowledged events").hasSizeGreaterThan(2000);
      tally = stream.settle(file, Duration.ofSeconds(120));
      System.out.printf(
          "ClusterFaultsIT broker %d killed: %s, refused %d, calls by status %s%n",
          victim, tally, stream.refused(), stream.statuses());
    }

    // then nothing acknowledged was lost, and few were delivered twice
    assertThat(tally.lost()).as(tally.toString()).isZero();
    assertThat(tally.duplicates()).as(tally.toString()).isLessThanOrEqualTo(400);
  }

  @Test
  void shouldLoseNoEventWhenEveryWorkerIsKilledAtOnce() throws Exception {
    // given a rule whose target is a file, and events flowing in at 200 a second
    String bus = "workers-kill";
    Path file = on.dir.resolve("railyard/workers-kill.jsonl");
    CountedStream.applyFileRule(on.api, bus, bus, file);
    CountedStream.Tally tally;
    try (CountedStream stream = new CountedStream(() -> on.api, bus, 4000, 20, 100)) {
      // when every worker dies with SIGKILL at once mid-stream
      stream.awaitAcknowledged(800, Duration.ofSeconds(60));
      await("some events delivered before the kill")
          .atMost(Duration.ofSeconds(60))
          .until(() -> !CountedStream.Tally.idsIn(file).isEmpty());
      List<String> names = new ArrayList<>();
      on.api
          .get("/api/v1/workers")
          .json()
          .get("workers")
          .forEach(w -> names.add(w.get("name").asText()));
      names.forEach(on.platform.workers()::kill);
      stream.awaitDone(Duration.ofSeconds(120));
      assertThat(stream.acknowledged()).as("acknowledged events").hasSizeGreaterThan(2000);
      tally = stream.settle(file, Duration.ofSeconds(120));
      System.out.printf(
          "ClusterFaultsIT %d workers killed: %s, refused %d, %d records in the delivery topic%n",
          names.size(), tally, stream.refused(), records(Topology.deliveryTopic(bus, "file")));
    }

    // then the pool restarted them, nothing acknowledged was lost, and few came twice
    JsonNode workers = on.api.get("/api/v1/workers").json().get("workers");
    assertThat(workers).allSatisfy(w -> assertThat(w.get("restarts").asInt()).isPositive());
    assertThat(tally.lost()).as(tally.toString()).isZero();
    assertThat(tally.duplicates()).as(tally.toString()).isLessThanOrEqualTo(2000);
  }

  @Test
  void shouldEndEveryEventDeliveredOrDeadLetteredWhenAnEndpointIsDownLongerThanItsRetries()
      throws Exception {
    // given a rule whose HTTP target retries twice within a second, parking what fails
    try (Endpoint endpoint = Endpoint.start(200)) {
      RuleFixtures.applyOk(
          on.api,
          """
          apiVersion: railyard/v1
          kind: Rule
          metadata: {name: outage}
          spec:
            bus: outage
            pattern: {source: ["faults"]}
            targets:
              - name: fn
                retry: {maxAttempts: 2, initialBackoffMs: 100, maxBackoffMs: 200, inOrder: false}
                config: {connector.class: dev.railyard.sinks.http.HttpSinkConnector, http.url: "%s"}
          """
              .formatted(endpoint.url()));
      String letters = Topology.deadLetterTopic("outage", "fn");
      Set<String> acknowledged;
      try (CountedStream stream = new CountedStream(() -> on.api, "outage", 2000, 20, 100)) {
        // when the endpoint goes down mid-stream for far longer than the retries last
        stream.awaitAcknowledged(400, Duration.ofSeconds(60));
        await("events at the endpoint before the outage")
            .atMost(Duration.ofSeconds(60))
            .until(() -> endpoint.delivered().size() >= 100);
        endpoint.answer(503);
        await("a hundred events dead-lettered during the outage")
            .atMost(Duration.ofSeconds(90))
            .until(() -> records(letters) >= 100);
        // and comes back before the stream ends
        endpoint.answer(200);
        stream.awaitDone(Duration.ofSeconds(120));
        acknowledged = stream.acknowledged();
      }

      // then each acknowledged event ends delivered or dead-lettered: none is left retrying
      await("every acknowledged event delivered or dead-lettered")
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                Set<String> missing = new HashSet<>(acknowledged);
                missing.removeAll(EventIds.in(endpoint.delivered()));
                return records(letters) >= missing.size();
              });
      Set<String> dead = new HashSet<>();
      DeadLetterReader.read(on.cluster.bootstrapServers(), letters, (int) records(letters))
          .forEach(h -> dead.add(h.get("railyard.event.id")));
      List<String> bodies = endpoint.delivered();
      Set<String> delivered = EventIds.in(bodies);
      Set<String> both = new HashSet<>(delivered);
      both.retainAll(dead);
      Set<String> neither = new HashSet<>(acknowledged);
      neither.removeAll(delivered);
      neither.removeAll(dead);
      System.out.printf(
          "ClusterFaultsIT endpoint down: %d acknowledged, %d delivered (%d deliveries), %d"
              + " dead-lettered, %d both, %d neither%n",
          acknowledged.size(),
          delivered.size(),
          bodies.size(),
          dead.size(),
          both.size(),
          neither.size());
      assertThat(neither).as("acknowledged events neither delivered nor dead-lettered").isEmpty();
      // the records a batch delivered before it failed part-way are tried again one by one, and
      // dead-lettered when the endpoint stays down (docs/delivery.md; seen: 0 to 20 of them): at
      // most one batch, 50 records (a target's max.poll.records), less the one that failed
      assertThat(both).as("events both delivered and dead-lettered").hasSizeLessThanOrEqualTo(49);
      assertThat(dead).as("dead letters during the outage").hasSizeGreaterThanOrEqualTo(100);
      await("nothing retrying in the target's figures")
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(RuleFixtures.targetStats(on.api, "outage", 0).path("retrying").asInt())
                      .isZero());
      assertThat(bodies.size() - delivered.size())
          .as("deliveries beyond the first of an event")
          .isLessThanOrEqualTo(100);
    }
  }

  /** The records a topic holds, from its end offsets (its records are never deleted here). */
  private static long records(String topic) throws Exception {
    try (Admin admin = on.cluster.admin()) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      on.cluster
          .describe(topic)
          .partitions()
          .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
      return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
          .mapToLong(ListOffsetsResultInfo::offset)
          .sum();
    }
  }
}
