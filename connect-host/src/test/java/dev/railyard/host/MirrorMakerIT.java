package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.railyard.embedded.broker.EmbeddedBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Moving a self-managed Kafka onto Railyard's with the built-in MirrorMaker 2 connectors: a topic
 * and a consumer group's committed offsets travel from a second embedded broker, created through
 * Railyard's API like any other connector.
 */
@WithPlatform(workers = 1)
class MirrorMakerIT {

  private static final String TOPIC = "legacy.orders";
  private static final String GROUP = "billing";
  private static final Duration WAIT = Duration.ofSeconds(120);

  @Test
  void shouldMoveATopicAndItsConsumerGroupOffsetsFromAnotherCluster(
      ApiClient api, Platform platform, Path dataDir) throws Exception {
    try (EmbeddedBroker legacy =
            EmbeddedBroker.start(
                dataDir.resolve("legacy-broker"),
                "127.0.0.1",
                0,
                Duration.ofSeconds(60),
                Map.of());
        Admin source = admin(legacy.bootstrapServers());
        Admin target = admin(platform.bootstrapServers())) {
      // given a legacy topic whose first 300 records the billing group consumed and committed;
      // the other 200 come once the connectors run: MirrorMaker translates an offset exactly only
      // next to an offset sync, and a checkpoint task starting after the syncs keeps just the
      // latest one per partition, so the group is at the end of the topic then, as at a cut-over
      source
          .createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
      produce(legacy.bootstrapServers(), 0, 300);
      Map<TopicPartition, OffsetAndMetadata> committed = consumeAndCommit(legacy, 300);
      assertThat(sum(committed)).isEqualTo(300);

      // when MirrorMaker 2's source and checkpoint connectors are created through the API
      put(
          api,
          "mm2-legacy-source",
          sourceConnector(legacy.bootstrapServers(), platform.bootstrapServers()));
      put(
          api,
          "mm2-legacy-checkpoint",
          checkpointConnector(legacy.bootstrapServers(), platform.bootstrapServers()));
      ConnectorsApiIT.awaitState(api, "mm2-legacy-source", "RUNNING");
      ConnectorsApiIT.awaitState(api, "mm2-legacy-checkpoint", "RUNNING");

      // then the group's offsets on Railyard's broker become the ones committed on the source
      await("billing's offsets translated onto Railyard's broker as " + committed)
          .atMost(WAIT)
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(() -> assertThat(offsets(target)).isEqualTo(committed));

      // and, while the legacy producers go on, every record arrives in its partition and order
      produce(legacy.bootstrapServers(), 300, 500);
      Map<Integer, List<String>> expected = readAll(legacy.bootstrapServers(), 500);
      await("500 records of " + TOPIC + " on Railyard's broker")
          .atMost(WAIT)
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> count(readAll(platform.bootstrapServers(), 0)) >= 500);
      assertThat(readAll(platform.bootstrapServers(), 500)).isEqualTo(expected);
      assertThat(offsets(target))
          .as("synced offsets never move past what billing committed")
          .isEqualTo(committed);

      api.delete("/api/v1/connectors/mm2-legacy-checkpoint");
      api.delete("/api/v1/connectors/mm2-legacy-source");
      target.deleteConsumerGroups(List.of(GROUP)).all().get(30, TimeUnit.SECONDS);
      target
          .deleteTopics(List.of(TOPIC, "legacy.checkpoints.internal"))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static String sourceConnector(String legacy, String railyard) {
    return """
        {"connector.class": "org.apache.kafka.connect.mirror.MirrorSourceConnector",
         %s,
         "topics": "%s",
         "replication.factor": "1",
         "offset-syncs.topic.replication.factor": "1",
         "sync.topic.acls.enabled": "false",
         "refresh.topics.interval.seconds": "5"}"""
        .formatted(common(legacy, railyard), TOPIC);
  }

  private static String checkpointConnector(String legacy, String railyard) {
    return """
        {"connector.class": "org.apache.kafka.connect.mirror.MirrorCheckpointConnector",
         %s,
         "groups": "%s",
         "refresh.groups.interval.seconds": "5",
         "emit.checkpoints.interval.seconds": "1",
         "sync.group.offsets.enabled": "true",
         "sync.group.offsets.interval.seconds": "1",
         "checkpoints.topic.replication.factor": "1"}"""
        .formatted(common(legacy, railyard), GROUP);
  }

  /** The keys both connectors need alike, so that they agree on the clusters and topic names. */
  private static String common(String legacy, String railyard) {
    return """
        "source.cluster.alias": "legacy", "target.cluster.alias": "railyard",
         "source.cluster.bootstrap.servers": "%s", "target.cluster.bootstrap.servers": "%s",
         "replication.policy.class": "org.apache.kafka.connect.mirror.IdentityReplicationPolicy",
         "key.converter": "org.apache.kafka.connect.converters.ByteArrayConverter",
         "value.converter": "org.apache.kafka.connect.converters.ByteArrayConverter",
         "header.converter": "org.apache.kafka.connect.converters.ByteArrayConverter",
         "tasks.max": "1\""""
        .formatted(legacy, railyard);
  }

  private static void put(ApiClient api, String name, String config) {
    ApiClient.Response put = api.put("/api/v1/connectors/" + name, config);
    assertThat(put.status()).as(put.body()).isEqualTo(201);
  }

  private static Admin admin(String bootstrap) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }

  private static void produce(String bootstrap, int from, int to) {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new StringSerializer())) {
      for (int i = from; i < to; i++) {
        producer.send(new ProducerRecord<>(TOPIC, "customer-" + i % 37, "order-" + i));
      }
      producer.flush();
    }
  }

  /** Consumes {@code count} records as the billing group and commits exactly past them. */
  private static Map<TopicPartition, OffsetAndMetadata> consumeAndCommit(
      EmbeddedBroker legacy, int count) {
    Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
    try (KafkaConsumer<String, String> consumer = consumer(legacy.bootstrapServers(), GROUP)) {
      consumer.subscribe(List.of(TOPIC));
      int[] seen = {0};
      await("billing consumed " + count + " records")
          .atMost(WAIT)
          .until(
              () -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                  next.put(
                      new TopicPartition(r.topic(), r.partition()),
                      new OffsetAndMetadata(r.offset() + 1));
                  seen[0]++;
                }
                return seen[0] >= count;
              });
      assertThat(seen[0]).isEqualTo(count);
      consumer.commitSync(next);
    }
    return next;
  }

  private static Map<TopicPartition, OffsetAndMetadata> offsets(Admin admin) throws Exception {
    return new HashMap<>(
        admin
            .listConsumerGroupOffsets(GROUP)
            .partitionsToOffsetAndMetadata()
            .get(30, TimeUnit.SECONDS)
            .entrySet()
            .stream()
            .filter(e -> e.getKey().topic().equals(TOPIC))
            .collect(
                Collectors.toMap(
                    Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset()))));
  }

  /**
   * Reads the topic from the beginning up to its end, per partition as "key=value" in offset order;
   * waits for at least {@code atLeast} records.
   */
  private static Map<Integer, List<String>> readAll(String bootstrap, int atLeast) {
    Map<Integer, List<String>> byPartition = new TreeMap<>();
    try (KafkaConsumer<String, String> consumer = consumer(bootstrap, null)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(TOPIC).stream()
              .map(p -> new TopicPartition(TOPIC, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      await(atLeast + " records readable from " + bootstrap)
          .atMost(WAIT)
          .until(
              () -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                  byPartition
                      .computeIfAbsent(r.partition(), p -> new ArrayList<>())
                      .add(r.key() + "=" + r.value());
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
              });
    }
    assertThat(count(byPartition)).isGreaterThanOrEqualTo(atLeast);
    return byPartition;
  }

  private static KafkaConsumer<String, String> consumer(String bootstrap, String group) {
    Map<String, Object> conf = new HashMap<>();
    conf.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    conf.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    conf.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    if (group != null) {
      conf.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    }
    return new KafkaConsumer<>(conf, new StringDeserializer(), new StringDeserializer());
  }

  private static int count(Map<Integer, List<String>> byPartition) {
    return byPartition.values().stream().mapToInt(List::size).sum();
  }

  private static long sum(Map<TopicPartition, OffsetAndMetadata> offsets) {
    return offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
  }
}
