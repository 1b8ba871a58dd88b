package dev.railyard.rules.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The one source of the Kafka clients Railyard's plugins make on a worker, beside the ones Connect
 * gives them. Its settings come from the connector's config ({@code railyard.bootstrap.servers}
 * today); when a secured cluster needs {@code security.protocol}, {@code ssl.*} or {@code sasl.*},
 * this is the one place that passes them on to every such client.
 *
 * <p>Immutable and thread-safe; the clients it returns are the caller's to close.
 */
public final class PluginClients {

  private final Map<String, Object> settings;

  /**
   * @param settings client settings every client gets; must hold {@code bootstrap.servers}
   */
  public PluginClients(Map<String, ?> settings) {
    Objects.requireNonNull(
        settings.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG), "bootstrap.servers");
    this.settings = Map.copyOf(settings);
  }

  /** Clients of the cluster at {@code bootstrapServers}, as a connector's config names it. */
  public static PluginClients of(String bootstrapServers) {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    return new PluginClients(
        Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  /** The cluster the clients talk to. */
  public String bootstrapServers() {
    return String.valueOf(settings.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
  }

  /** An admin client. */
  public Admin admin(String clientId) {
    return Admin.create(base(clientId));
  }

  /**
   * A consumer that never commits on its own.
   *
   * @param group its consumer group, or null for one that only assigns partitions by hand
   * @param extra further consumer settings, e.g. {@code max.poll.records}; they win
   */
  public <K, V> Consumer<K, V> consumer(
      String clientId,
      String group,
      Deserializer<K> keys,
      Deserializer<V> values,
      Map<String, Object> extra) {
    Map<String, Object> config = base(clientId);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    if (group != null) {
      config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    }
    config.putAll(extra);
    return new KafkaConsumer<>(config, keys, values);
  }

  /**
   * A producer whose every write is acknowledged by all in-sync replicas and idempotent.
   *
   * @param extra further producer settings, e.g. {@code linger.ms}; they win
   */
  public <K, V> Producer<K, V> reliableProducer(
      String clientId, Serializer<K> keys, Serializer<V> values, Map<String, Object> extra) {
    Map<String, Object> config = base(clientId);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.putAll(extra);
    return new KafkaProducer<>(config, keys, values);
  }

  private Map<String, Object> base(String clientId) {
    Map<String, Object> config = new HashMap<>(settings);
    config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
    return config;
  }
}
