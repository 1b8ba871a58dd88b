package dev.railyard.host;

import static org.awaitility.Awaitility.await;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The CloudEvents SDK on the far side of Railyard, for the binding ITs: its Kafka serializer and
 * deserializer and its HTTP writer, as a client nobody here wrote would use them.
 */
final class SdkEvents {

  private SdkEvents() {}

  /** An order.paid event of {@code amount}, JSON data, with the extension {@code tenant}. */
  static CloudEvent paid(String id, int amount) {
    return CloudEventBuilder.v1()
        .withId(id)
        .withSource(URI.create("/shop"))
        .withType("order.paid")
        .withExtension("tenant", "acme")
        .withDataContentType("application/json")
        .withData(("{\"amount\":" + amount + "}").getBytes(StandardCharsets.UTF_8))
        .build();
  }

  /** The SDK's producer writing events in {@code encoding}, keyed by the caller. */
  static KafkaProducer<String, CloudEvent> producer(String bootstrap, Encoding encoding) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            CloudEventSerializer.class,
            CloudEventSerializer.ENCODING_CONFIG,
            encoding.name(),
            CloudEventSerializer.EVENT_FORMAT_CONFIG,
            JsonFormat.CONTENT_TYPE));
  }

  /**
   * The events of a topic by id, from its beginning to the end it has once {@code expected}
   * distinct ones are read, as the SDK's deserializer reads them (a record it cannot read fails the
   * call).
   */
  static Map<String, ConsumerRecord<String, CloudEvent>> readAll(
      String bootstrap, String topic, int expected) {
    try (KafkaConsumer<String, CloudEvent> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, CloudEventDeserializer.class))) {
      List<TopicPartition> partitions = DeadLetterReader.fromBeginning(consumer, topic);
      // by id: routing is at least once, so an event may be there twice after a rewind
      Map<String, ConsumerRecord<String, CloudEvent>> read = new LinkedHashMap<>();
      await(expected + " CloudEvents in " + topic)
          .atMost(Duration.ofSeconds(90))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> read.put(r.value().getId(), r));
                return read.size() >= expected;
              });
      // what came after the expected ones is read too, so a test sees any extra event
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      await("the end of " + topic)
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> read.put(r.value().getId(), r));
                return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
              });
      return read;
    }
  }

  /** The headers and body the SDK's HTTP writer makes for an event, binary or structured. */
  record HttpMessage(Map<String, String> headers, byte[] body) {

    static HttpMessage of(CloudEvent event, boolean binary) {
      Map<String, String> headers = new LinkedHashMap<>();
      byte[][] body = {new byte[0]};
      var writer = HttpMessageFactory.createWriter(headers::put, bytes -> body[0] = bytes);
      if (binary) {
        writer.writeBinary(event);
      } else {
        writer.writeStructured(event, JsonFormat.CONTENT_TYPE);
      }
      return new HttpMessage(headers, body[0] == null ? new byte[0] : body[0]);
    }
  }
}
