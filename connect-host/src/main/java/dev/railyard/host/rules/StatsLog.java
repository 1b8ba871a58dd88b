package dev.railyard.host.rules;

import dev.railyard.rules.stats.StatsRecords;
import dev.railyard.rules.stats.StatsSnapshot;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the stats topic from its beginning on a thread of its own, keeps the latest counts of
 * every publisher (one key per task run) and their sum: the figures only the Connect tasks know. A
 * record that is not counts is logged and skipped. Thread-safe; readers never lock.
 */
final class StatsLog implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StatsLog.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final KafkaConsumer<String, String> consumer;
  private final Map<String, StatsSnapshot> latest = new HashMap<>();
  private final Thread thread;
  private volatile StatsSnapshot total = StatsSnapshot.EMPTY;
  private volatile boolean closed;

  private StatsLog(KafkaConsumer<String, String> consumer) {
    this.consumer = consumer;
    this.thread = new Thread(this::follow, "railyard-stats-log");
    thread.setDaemon(true);
  }

  /** Starts following {@link StatsRecords#TOPIC}, which must exist; returns without waiting. */
  static StatsLog start(String bootstrapServers) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "railyard-stats-log");
    KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
    // one partition, created with the rules topic; assigned by hand, so no group is involved
    List<TopicPartition> partition = List.of(new TopicPartition(StatsRecords.TOPIC, 0));
    consumer.assign(partition);
    consumer.seekToBeginning(partition);
    StatsLog statsLog = new StatsLog(consumer);
    statsLog.thread.start();
    return statsLog;
  }

  /** The counts of every task summed, as last read; EMPTY before the first record. */
  StatsSnapshot total() {
    return total;
  }

  private void follow() {
    try {
      while (!closed) {
        ConsumerRecords<String, String> records = consumer.poll(POLL);
        boolean changed = false;
        for (ConsumerRecord<String, String> r : records) {
          changed |= apply(r);
        }
        if (changed) {
          total = StatsSnapshot.sum(latest.values());
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      log.error("Stopped following {}: {}", StatsRecords.TOPIC, e.toString(), e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private boolean apply(ConsumerRecord<String, String> r) {
    if (r.key() == null) {
      return false;
    }
    if (r.value() == null) {
      return latest.remove(r.key()) != null;
    }
    try {
      StatsSnapshot counts = StatsRecords.read(r.value());
      return !counts.equals(latest.put(r.key(), counts));
    } catch (IllegalArgumentException e) {
      log.warn("Skipping stats record {} at offset {}: {}", r.key(), r.offset(), e.getMessage());
      return false;
    }
  }

  @Override
  public void close() {
    closed = true;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
