package dev.railyard.host;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The control plane's producers: every write is acknowledged by all in-sync replicas and
 * idempotent, so an answer means the write is stored and a retry never writes it twice.
 */
public final class Producers {

  private Producers() {}

  /**
   * A producer as above.
   *
   * @param extra further producer settings, e.g. {@code linger.ms}; they win
   */
  public static <K, V> KafkaProducer<K, V> reliable(
      String bootstrapServers,
      String clientId,
      Serializer<K> keys,
      Serializer<V> values,
      Map<String, Object> extra) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    config.putAll(extra);
    return new KafkaProducer<>(config, keys, values);
  }

  /** A producer as above with no further settings. */
  public static <K, V> KafkaProducer<K, V> reliable(
      String bootstrapServers, String clientId, Serializer<K> keys, Serializer<V> values) {
    return reliable(bootstrapServers, clientId, keys, values, Map.of());
  }
}
