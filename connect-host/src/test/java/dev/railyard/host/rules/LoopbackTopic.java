package dev.railyard.host.rules;

import dev.railyard.host.kafka.KafkaClients;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A compacted-topic stand-in of one partition whose producer's writes its consumer reads back, as a
 * broker would: what the rule service writes to the rules topic reaches the {@code RuleLog} that
 * follows it. Unlike a bare {@link MockConsumer}, whose poll returns at once, the consumer's poll
 * waits up to its timeout for a record or a wakeup, so a follower thread does not spin. The
 * consumer must be assigned the partition before the first write. Thread-safe.
 */
final class LoopbackTopic {

  final String topic;
  final TopicPartition partition;
  private final Reader consumer = new Reader();
  private final MockProducer<String, String> producer =
      new MockProducer<>(true, null, new StringSerializer(), new StringSerializer()) {
        @Override
        public synchronized Future<RecordMetadata> send(
            ProducerRecord<String, String> record, Callback callback) {
          Future<RecordMetadata> sent = super.send(record, callback);
          consumer.append(record.key(), record.value());
          return sent;
        }
      };

  LoopbackTopic(String topic) {
    this.topic = topic;
    this.partition = new TopicPartition(topic, 0);
    consumer.updatePartitions(topic, List.of(new PartitionInfo(topic, 0, null, null, null)));
    consumer.updateBeginningOffsets(Map.of(partition, 0L));
    consumer.updateEndOffsets(Map.of(partition, 0L));
  }

  /** The one consumer of the topic. */
  MockConsumer<String, String> consumer() {
    return consumer;
  }

  /** The producer whose sends the consumer reads; its history is everything written. */
  MockProducer<String, String> producer() {
    return producer;
  }

  /** Clients that hand out this topic's consumer and producer, whatever the purpose. */
  KafkaClients clients() {
    return new TopicClients("loopback:9092", group -> consumer, producer);
  }

  private final class Reader extends MockConsumer<String, String> {

    private long next; // guarded by this
    private boolean woken; // guarded by this

    Reader() {
      super("earliest");
    }

    synchronized void append(String key, String value) {
      addRecord(new ConsumerRecord<>(topic, 0, next++, key, value));
      updateEndOffsets(Map.of(partition, next));
      notifyAll();
    }

    @Override
    public synchronized ConsumerRecords<String, String> poll(Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      try {
        while (!woken && !closed() && position(partition) >= next) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            break;
          }
          TimeUnit.NANOSECONDS.timedWait(this, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptException(e);
      }
      woken = false;
      return super.poll(timeout);
    }

    @Override
    public synchronized void wakeup() {
      woken = true;
      notifyAll();
      super.wakeup();
    }
  }
}
