package dev.railyard.rules.delivery;

import dev.railyard.rules.model.Topology;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka writers of one guard task: its dead-letter topic and its retry topic, sharing one
 * producer (acknowledged by all replicas, idempotent), made when first needed and closed with the
 * task. Used from the task's thread.
 */
final class GuardWriters implements AutoCloseable {

  private Producer<byte[], byte[]> producer;

  /** The one producer a task writes its dead letters and parked records with. */
  private Producer<byte[], byte[]> producer(GuardedSinkConfig config) {
    if (producer == null) {
      producer =
          config
              .clients()
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
        config.clients(),
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
    return new DeadLetterWriter(producer(config), config.clients(), topic, clientId(config));
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
