package dev.railyard.host.kafka;

import dev.railyard.rules.kafka.PluginClients;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Real Kafka clients made from one set of client settings: the same settings and client set-up as
 * the plugins' {@link PluginClients} on the workers, with a {@code client.id} of {@code
 * railyard-<purpose>}. Immutable, thread-safe.
 */
final class ConfiguredClients implements KafkaClients {

  private final PluginClients clients;

  ConfiguredClients(Map<String, ?> settings) {
    this.clients = new PluginClients(settings);
  }

  @Override
  public String bootstrapServers() {
    return clients.bootstrapServers();
  }

  @Override
  public Map<String, String> pluginSettings() {
    Set<String> referenced = new HashSet<>(clients.settings().keySet());
    referenced.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    return PluginClients.connectorConfig(bootstrapServers(), referenced);
  }

  @Override
  public Admin admin(String purpose) {
    return clients.admin(clientId(purpose));
  }

  @Override
  public <K, V> Consumer<K, V> consumer(
      String purpose,
      String group,
      Deserializer<K> keys,
      Deserializer<V> values,
      Map<String, Object> extra) {
    return clients.consumer(clientId(purpose), group, keys, values, extra);
  }

  @Override
  public <K, V> Producer<K, V> reliableProducer(
      String purpose, Serializer<K> keys, Serializer<V> values, Map<String, Object> extra) {
    return clients.reliableProducer(clientId(purpose), keys, values, extra);
  }

  private static String clientId(String purpose) {
    return "railyard-" + purpose;
  }
}
