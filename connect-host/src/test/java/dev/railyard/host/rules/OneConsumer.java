package dev.railyard.host.rules;

import dev.railyard.host.kafka.KafkaClients;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka clients that hand out one given (mock) consumer and nothing else. */
record OneConsumer(Consumer<byte[], byte[]> consumer) implements KafkaClients {

  @Override
  public String bootstrapServers() {
    return "memory:0";
  }

  @Override
  public Admin admin(String purpose) {
    throw new UnsupportedOperationException("no admin for " + purpose);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> Consumer<K, V> consumer(
      String purpose,
      String group,
      Deserializer<K> keys,
      Deserializer<V> values,
      Map<String, Object> extra) {
    return (Consumer<K, V>) consumer;
  }

  @Override
  public <K, V> Producer<K, V> reliableProducer(
      String purpose, Serializer<K> keys, Serializer<V> values, Map<String, Object> extra) {
    throw new UnsupportedOperationException("no producer for " + purpose);
  }
}
