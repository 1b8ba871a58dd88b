package dev.railyard.rules.delivery;

import dev.railyard.rules.kafka.PluginClients;
import dev.railyard.rules.model.Topology;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka writers of one guard task: its dead-letter topic and its retry topic, sharing one
 * producer (acknowledged by all replicas, idempotent), made when first needed and closed with the
 * task. Used from the task's thread.
 */
final class GuardWriters implements AutoCloseable {

  private KafkaProducer<byte[], byte[]> producer;

  /** The one producer a task writes its dead letters and parked records with. */
  private KafkaProducer<byte[], byte[]> producer(GuardedSinkConfig config) {
    if (producer == null) {
      producer =
          clients(config)
              .reliableProducer(
                  clientId(config), new ByteArraySerializer(), new ByteArraySerializer(), Map.of());
    }
    return producer;
  }

  ParkingLot parkingLot(GuardedSinkConfig config) {
    String rule = config.getString(GuardedSinkConfig.RULE_CONFIG);
    String target = config.getString(GuardedSinkConfig.TARGET_CONFIG);
    return new RetryTopic(
        producer(config),
        clients(config),
        config.retryTopic(),
        Topology.retryGroup(rule, target),
        config.getInt(GuardedSinkConfig.TASK_INDEX_CONFIG),
        config.getInt(GuardedSinkConfig.TASK_COUNT_CONFIG),
        clientId(config));
  }

  LetterBox letterBox(GuardedSinkConfig config) {
    String topic = config.deadLetterTopic();
    if (topic == null) {
      return null;
    }
    return new DeadLetterWriter(producer(config), clients(config), topic, clientId(config));
  }

  private static PluginClients clients(GuardedSinkConfig config) {
    return PluginClients.of(config.getString(GuardedSinkConfig.BOOTSTRAP_CONFIG));
  }

  private static String clientId(GuardedSinkConfig config) {
    return "railyard-guard-"
        + config.getString(GuardedSinkConfig.RULE_CONFIG)
        + "."
        + config.getString(GuardedSinkConfig.TARGET_CONFIG);
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(30));
    }
  }
}
