package dev.railyard.rules.delivery;

import dev.railyard.rules.kafka.PluginClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Writes a target's dead letters. A letter holds the record exactly as it is in the delivery topic
 * (key, value and headers as bytes, read back by its coordinates, since the sink only sees it
 * converted), so a redrive can send it to the target again as it was; the guard's headers say why
 * it is there. Used from one task thread.
 */
final class DeadLetterWriter implements LetterBox {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final String topic;
  private final Producer<byte[], byte[]> producer;
  private final Consumer<byte[], byte[]> consumer;
  private final Map<Retries.Coordinates, ConsumerRecord<byte[], byte[]>> fetched = new HashMap<>();

  /**
   * @param producer writes the letters; shared with the task's other writers, not closed by this
   */
  DeadLetterWriter(
      Producer<byte[], byte[]> producer, PluginClients clients, String topic, String clientId) {
    this.topic = topic;
    this.producer = producer;
    consumer =
        clients.consumer(
            clientId + "-originals",
            null,
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer(),
            Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200));
  }

  @Override
  public void send(SinkRecord record, RecordHeaders why) {
    ConsumerRecord<byte[], byte[]> original = original(Retries.Coordinates.of(record));
    RecordHeaders headers = new RecordHeaders();
    byte[] key;
    byte[] value;
    if (original != null) {
      key = original.key();
      value = original.value();
      for (Header h : original.headers()) {
        if (why.lastHeader(h.key()) == null) {
          headers.add(h);
        }
      }
    } else {
      // the original is gone (retention): keep what the sink saw
      key = bytes(record.key());
      value = bytes(record.value());
    }
    why.forEach(headers::add);
    try {
      producer
          .send(new ProducerRecord<>(topic, null, key, value, headers))
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetriableException("interrupted while dead-lettering", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new RetriableException("could not write the dead letter to " + topic + ": " + e, e);
    }
  }

  private ConsumerRecord<byte[], byte[]> original(Retries.Coordinates c) {
    ConsumerRecord<byte[], byte[]> hit = fetched.remove(c);
    if (hit != null) {
      return hit;
    }
    fetched.clear();
    TopicPartition tp = new TopicPartition(c.topic(), c.partition());
    consumer.assign(List.of(tp));
    consumer.seek(tp, c.offset());
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      List<ConsumerRecord<byte[], byte[]>> records =
          consumer.poll(Duration.ofMillis(200)).records(tp);
      for (ConsumerRecord<byte[], byte[]> r : records) {
        fetched.put(new Retries.Coordinates(r.topic(), r.partition(), r.offset()), r);
      }
      if (!records.isEmpty() || consumer.position(tp) > c.offset()) {
        return fetched.remove(c);
      }
    }
    return null;
  }

  private static byte[] bytes(Object o) {
    if (o == null) {
      return null;
    }
    if (o instanceof byte[] b) {
      return b;
    }
    return String.valueOf(o).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    consumer.close(TIMEOUT);
  }
}
