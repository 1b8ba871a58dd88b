package dev.railyard.host;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads the headers of the records of a dead-letter topic, for tests. */
final class DeadLetterReader {

  private DeadLetterReader() {}

  /**
   * Assigns {@code consumer} every partition of {@code topic}, each from its beginning.
   *
   * @return the partitions
   */
  static List<TopicPartition> fromBeginning(KafkaConsumer<?, ?> consumer, String topic) {
    List<TopicPartition> partitions = new ArrayList<>();
    consumer
        .partitionsFor(topic)
        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return partitions;
  }

  static List<Map<String, String>> read(String bootstrap, String topic, int expected) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
      DeadLetterReader.fromBeginning(consumer, topic);
      List<Map<String, String>> letters = new ArrayList<>();
      await(expected + " dead letters in " + topic)
          .atMost(Duration.ofSeconds(90))
          .until(
              () -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                  Map<String, String> headers = new HashMap<>();
                  for (Header h : r.headers()) {
                    headers.put(
                        h.key(),
                        h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
                  }
                  letters.add(headers);
                }
                return letters.size() >= expected;
              });
      return letters;
    }
  }
}
