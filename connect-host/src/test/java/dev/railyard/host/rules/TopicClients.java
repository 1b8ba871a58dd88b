package dev.railyard.host.rules;

import dev.railyard.host.kafka.KafkaClients;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The clients of the rule services' tests: consumers and the producer of an in-memory topic ({@link
 * MemoryTopic}, {@link LoopbackTopic}), whatever the purpose, and no admin.
 */
final class TopicClients implements KafkaClients {

  private final String bootstrapServers;
  private final Function<String, Consumer<?, ?>> consumers;
  private final Producer<?, ?> producer;

  /**
   * @param consumers the consumer to hand out, by the group it is asked for (null for none)
   * @param producer the producer to hand out, or null when the test has none
   */
  TopicClients(
      String bootstrapServers,
      Function<String, Consumer<?, ?>> consumers,
      Producer<?, ?> producer) {
    this.bootstrapServers = bootstrapServers;
    this.consumers = consumers;
    this.producer = producer;
  }

  @Override
  public String bootstrapServers() {
    return bootstrapServers;
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
    return (Consumer<K, V>) consumers.apply(group);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> Producer<K, V> reliableProducer(
      String purpose, Serializer<K> keys, Serializer<V> values, Map<String, Object> extra) {
    if (producer == null) {
      throw new UnsupportedOperationException("no producer for " + purpose);
    }
    return (Producer<K, V>) producer;
  }
}
