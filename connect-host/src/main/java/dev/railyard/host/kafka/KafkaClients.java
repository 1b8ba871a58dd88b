package dev.railyard.host.kafka;

import dev.railyard.rules.kafka.PluginClients;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The one source of the control plane's Kafka clients. Every client gets the deployment's client
 * settings ({@code bootstrap.servers}, and where the cluster needs them {@code security.protocol},
 * {@code ssl.*}, {@code sasl.*}) and a {@code client.id} of {@code railyard-<purpose>}. Services
 * take this (or the client it made) as a constructor parameter; that is where tests hand in Kafka's
 * mock clients instead.
 *
 * <p>Implementations are thread-safe; the clients they return are the caller's to close.
 */
public interface KafkaClients {

  /**
   * The factory of real clients.
   *
   * @param settings client settings every client gets; must hold {@code bootstrap.servers}
   */
  static KafkaClients of(Map<String, ?> settings) {
    return new ConfiguredClients(settings);
  }

  /**
   * The factory of real clients of the cluster at {@code bootstrapServers}, with the deployment's
   * client settings of a secured cluster ({@code security}, unprefixed).
   */
  static KafkaClients of(Map<String, String> security, String bootstrapServers) {
    Map<String, Object> settings = new java.util.HashMap<>(security);
    settings.put(
        org.apache.kafka.clients.CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return of(settings);
  }

  /** The cluster the clients talk to, as connectors on the workers must be told it. */
  String bootstrapServers();

  /**
   * The entries of a router's or a delivery guard's connector config that make the plugin's own
   * clients on the workers like these: {@code railyard.bootstrap.servers}, and for each other
   * client setting a reference that the workers resolve from their settings file ({@link
   * WorkerClientSettings}), never the value, since connector configs are readable through Connect's
   * REST API.
   */
  default Map<String, String> pluginSettings() {
    return PluginClients.connectorConfig(bootstrapServers(), Set.of());
  }

  /** An admin client, {@code client.id} {@code railyard-<purpose>}. */
  Admin admin(String purpose);

  /**
   * A consumer that never commits on its own.
   *
   * @param purpose names the client: {@code client.id} {@code railyard-<purpose>}
   * @param group its consumer group, or null for one that only assigns partitions by hand
   * @param extra further consumer settings, e.g. {@code max.poll.records}; they win
   */
  <K, V> Consumer<K, V> consumer(
      String purpose,
      String group,
      Deserializer<K> keys,
      Deserializer<V> values,
      Map<String, Object> extra);

  /**
   * A producer whose every write is acknowledged by all in-sync replicas and idempotent, so an
   * answer means the write is stored and a retry never writes it twice.
   *
   * @param purpose names the client: {@code client.id} {@code railyard-<purpose>}
   * @param extra further producer settings, e.g. {@code linger.ms}; they win
   */
  <K, V> Producer<K, V> reliableProducer(
      String purpose, Serializer<K> keys, Serializer<V> values, Map<String, Object> extra);
}
