package dev.railyard.host.kafka;

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

/** Real Kafka clients made from one set of client settings. Immutable, thread-safe. */
final class ConfiguredClients implements KafkaClients {

  private final Map<String, Object> settings;

  ConfiguredClients(Map<String, ?> settings) {
    Objects.requireNonNull(
        settings.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG), "bootstrap.servers");
    this.settings = Map.copyOf(settings);
  }

  @Override
  public String bootstrapServers() {
    return String.valueOf(settings.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
  }

  @Override
  public Admin admin(String purpose) {
    return Admin.create(base(purpose));
  }

  @Override
  public <K, V> Consumer<K, V> consumer(
      String purpose,
      String group,
      Deserializer<K> keys,
      Deserializer<V> values,
      Map<String, Object> extra) {
    Map<String, Object> config = base(purpose);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    if (group != null) {
      config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    }
    config.putAll(extra);
    return new KafkaConsumer<>(config, keys, values);
  }

  @Override
  public <K, V> Producer<K, V> reliableProducer(
      String purpose, Serializer<K> keys, Serializer<V> values, Map<String, Object> extra) {
    Map<String, Object> config = base(purpose);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.putAll(extra);
    return new KafkaProducer<>(config, keys, values);
  }

  private Map<String, Object> base(String purpose) {
    Map<String, Object> config = new HashMap<>(settings);
    config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "railyard-" + purpose);
    return config;
  }
}
