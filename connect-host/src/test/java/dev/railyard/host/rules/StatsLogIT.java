package dev.railyard.host.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.railyard.host.kafka.KafkaClients;
import dev.railyard.rules.kafka.PluginClients;
import dev.railyard.rules.stats.StatsPublisher;
import dev.railyard.rules.stats.StatsRecords;
import dev.railyard.testing.EmbeddedKafka;
import dev.railyard.testing.KafkaCluster;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** The stats follower against a real broker: runs that ended are folded, and nothing is lost. */
@EmbeddedKafka
class StatsLogIT {

  @Test
  void shouldFoldTheRunsOfStoppedTasksWithoutChangingTheCounts(KafkaCluster kafka)
      throws Exception {
    // given the stats topic, three task runs that stopped and one still running
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(StatsRecords.TOPIC, 1, (short) 1)
                      .configs(
                          Map.of(
                              TopicConfig.CLEANUP_POLICY_CONFIG,
                              TopicConfig.CLEANUP_POLICY_COMPACT))))
          .all()
          .get();
    }
    Duration interval = Duration.ofMillis(100);
    for (int run = 0; run < 3; run++) {
      try (StatsPublisher stopped =
          StatsPublisher.start(
              PluginClients.of(kafka.bootstrapServers()), "router.shop", interval)) {
        for (int i = 0; i < 10; i++) {
          stopped.counters().matched("paid");
        }
      }
    }
    StatsPublisher running =
        StatsPublisher.start(PluginClients.of(kafka.bootstrapServers()), "router.shop", interval);
    running.counters().matched("paid");

    // when the follower reads them and folds
    try (StatsLog log =
        StatsLog.start(
            KafkaClients.of(Map.of("bootstrap.servers", kafka.bootstrapServers())),
            Duration.ofMillis(300))) {
      await("the 31 matches counted")
          .atMost(Duration.ofSeconds(30))
          .until(() -> log.total().matched("paid") == 31);
      await("the stopped runs folded and deleted")
          .atMost(Duration.ofSeconds(30))
          .until(() -> latest(kafka).keySet().size() == 2);

      // then the topic holds the fold and the running task, and the count is unchanged
      Map<String, String> latest = latest(kafka);
      assertThat(latest).containsKeys(StatsRecords.FOLD_KEY, running.key());
      assertThat(StatsRecords.entry(latest.get(StatsRecords.FOLD_KEY)).folded()).hasSize(3);
      running.counters().matched("paid");
      await("the running task counted on top of the fold")
          .atMost(Duration.ofSeconds(30))
          .until(() -> log.total().matched("paid") == 32);

      // and a follower started afresh reads the same
      try (StatsLog restarted =
          StatsLog.start(
              KafkaClients.of(Map.of("bootstrap.servers", kafka.bootstrapServers())),
              Duration.ofHours(1))) {
        await("a new follower reading 32")
            .atMost(Duration.ofSeconds(30))
            .until(() -> restarted.total().matched("paid") == 32);
      }
    } finally {
      running.close();
    }
  }

  /** The latest value of each key still in the topic (tombstoned keys left out). */
  private static Map<String, String> latest(KafkaCluster kafka) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    Map<String, String> latest = new HashMap<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      TopicPartition tp = new TopicPartition(StatsRecords.TOPIC, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      while (consumer.position(tp) < end) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.value() == null) {
            latest.remove(r.key());
          } else {
            latest.put(r.key(), r.value());
          }
        }
      }
    }
    return latest;
  }
}
