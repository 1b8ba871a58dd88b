package dev.railyard.host.rules;

import dev.railyard.host.health.FailureStreak;
import dev.railyard.host.kafka.KafkaClients;
import dev.railyard.rules.stats.StatsRecords;
import dev.railyard.rules.stats.StatsSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the stats topic from its beginning on a thread of its own, keeps the latest counts of
 * every publisher (one key per task run) and their sum: the figures only the Connect tasks know. A
 * record that is not counts is logged and skipped. Once caught up, it folds the runs that are over
 * into one record every {@link #FOLD_EVERY} (see {@link StatsFold}), so the topic does not grow
 * with every task restart. Thread-safe; readers never lock.
 */
final class StatsLog implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StatsLog.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration FOLD_EVERY = Duration.ofMinutes(1);
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

  private final Consumer<String, String> consumer;
  private final Producer<String, String> producer;
  private final StatsFold fold = new StatsFold();
  private final Thread thread;
  private final Duration foldEvery;
  private Instant nextFold;
  private final FailureStreak foldChecks =
      new FailureStreak(log, "Reading the end of " + StatsRecords.TOPIC + " before a fold");
  private volatile StatsSnapshot total = StatsSnapshot.EMPTY;
  private volatile Throwable stopped;
  private volatile boolean closed;

  private StatsLog(
      Consumer<String, String> consumer, Producer<String, String> producer, Duration foldEvery) {
    this.consumer = consumer;
    this.producer = producer;
    this.foldEvery = foldEvery;
    this.nextFold = Instant.now().plus(foldEvery);
    this.thread = new Thread(this::follow, "railyard-stats-log");
    thread.setDaemon(true);
  }

  /** Starts following {@link StatsRecords#TOPIC}, which must exist; returns without waiting. */
  static StatsLog start(KafkaClients clients) {
    return start(clients, FOLD_EVERY);
  }

  /** As {@link #start(KafkaClients)}, folding every {@code foldEvery}. */
  static StatsLog start(KafkaClients clients, Duration foldEvery) {
    Consumer<String, String> consumer =
        clients.consumer(
            "stats-log", null, new StringDeserializer(), new StringDeserializer(), Map.of());
    // one partition, created with the rules topic; assigned by hand, so no group is involved
    List<TopicPartition> partition = List.of(new TopicPartition(StatsRecords.TOPIC, 0));
    consumer.assign(partition);
    consumer.seekToBeginning(partition);
    Producer<String, String> producer =
        clients.reliableProducer(
            "stats-fold", new StringSerializer(), new StringSerializer(), Map.of());
    StatsLog statsLog = new StatsLog(consumer, producer, foldEvery);
    statsLog.thread.start();
    return statsLog;
  }

  /** The counts of every task summed, as last read; EMPTY before the first record. */
  StatsSnapshot total() {
    return total;
  }

  /**
   * What keeps the counts from being current, as one line: the follower thread stopped, or the
   * topic's end could not be read for a fold; empty when all is well (and once closed).
   */
  Optional<String> failure() {
    Throwable e = stopped;
    if (closed) {
      return Optional.empty();
    }
    if (e != null) {
      return Optional.of(
          "the task counts are no longer read from " + StatsRecords.TOPIC + ": " + e);
    }
    return foldChecks.describe();
  }

  private void follow() {
    try {
      while (!closed) {
        ConsumerRecords<String, String> records = consumer.poll(POLL);
        for (ConsumerRecord<String, String> r : records) {
          apply(r);
        }
        if (!records.isEmpty()) {
          total = fold.total();
        } else if (Instant.now().isAfter(nextFold)) {
          if (caughtUp()) {
            foldRunsThatAreOver();
          }
          nextFold = Instant.now().plus(foldEvery);
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      stopped = e;
      log.error(
          "Stopped following {}; the counts stay as last read until a restart: {}",
          StatsRecords.TOPIC,
          e.toString(),
          e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
      producer.close(Duration.ofSeconds(5));
    }
  }

  private void apply(ConsumerRecord<String, String> r) {
    if (r.key() == null) {
      return;
    }
    try {
      fold.apply(r.key(), r.value(), Instant.ofEpochMilli(r.timestamp()));
    } catch (IllegalArgumentException e) {
      log.warn("Skipping stats record {} at offset {}: {}", r.key(), r.offset(), e.getMessage());
    }
  }

  /**
   * Whether everything in the topic has been read, the last fold and deletions included: a fold
   * computed from less would drop counts.
   */
  private boolean caughtUp() {
    TopicPartition tp = new TopicPartition(StatsRecords.TOPIC, 0);
    try {
      long end = consumer.endOffsets(List.of(tp), SEND_TIMEOUT).getOrDefault(tp, Long.MAX_VALUE);
      boolean caughtUp = consumer.position(tp, SEND_TIMEOUT) >= end;
      foldChecks.succeeded();
      return caughtUp;
    } catch (org.apache.kafka.common.KafkaException e) {
      foldChecks.failed(e.toString());
      return false;
    }
  }

  /**
   * Writes the fold, then deletes the runs it holds; both are read back like any record. A failed
   * write is tried again at the next fold: the fold lists the runs it holds, so none counts twice.
   */
  private void foldRunsThatAreOver() {
    Optional<StatsFold.Plan> plan = fold.plan(Instant.now());
    if (plan.isEmpty()) {
      return;
    }
    try {
      if (plan.get().foldValue() != null) {
        send(StatsRecords.FOLD_KEY, plan.get().foldValue());
      }
      for (String key : plan.get().tombstones()) {
        send(key, null);
      }
      log.info(
          "Folded {} finished task run(s) into {} of {}",
          plan.get().tombstones().size(),
          StatsRecords.FOLD_KEY,
          StatsRecords.TOPIC);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.warn(
          "Could not fold the runs of {} (trying again later): {}",
          StatsRecords.TOPIC,
          e.toString());
    }
  }

  private void send(String key, String value)
      throws InterruptedException, ExecutionException, TimeoutException {
    producer
        .send(new ProducerRecord<>(StatsRecords.TOPIC, key, value))
        .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
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
