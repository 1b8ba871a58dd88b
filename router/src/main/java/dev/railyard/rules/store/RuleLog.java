package dev.railyard.rules.store;

import dev.railyard.rules.kafka.PluginClients;
import dev.railyard.rules.model.Rule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the rules topic from its beginning on a thread of its own and keeps the current rules.
 * Each change is handed to the listener with the complete rule map; readers never lock. A record
 * that is not a valid rule is logged and skipped (the control plane only writes valid ones). A
 * follower that stops on an error (the consumer's, or its listener's) logs it and keeps it for
 * {@link #failure()}, so its owner can fail loudly rather than go on with old rules. Thread-safe.
 */
public final class RuleLog implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RuleLog.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final org.apache.kafka.clients.consumer.Consumer<String, String> consumer;
  private final String topic;
  private final Consumer<Map<String, Rule>> listener;
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final Map<String, Rule> rules = new TreeMap<>();
  private volatile Map<String, Rule> snapshot = Map.of();
  private volatile Thread thread;
  private volatile boolean closed;
  private volatile Throwable failure;
  private volatile long lastPoll = System.nanoTime();

  /**
   * @param clients the Kafka cluster
   * @param topic the rules topic, usually {@link RuleRecords#TOPIC}
   * @param listener called on the follower thread with every new complete rule map, may be a no-op
   */
  public RuleLog(PluginClients clients, String topic, Consumer<Map<String, Rule>> listener) {
    this(
        clients.consumer(
            "railyard-rule-log-" + Long.toHexString(System.nanoTime()),
            null,
            new StringDeserializer(),
            new StringDeserializer(),
            Map.of()),
        topic,
        listener);
  }

  /**
   * @param consumer reads the rules topic; it must not commit on its own; closed with this
   * @param topic the rules topic, usually {@link RuleRecords#TOPIC}
   * @param listener called on the follower thread with every new complete rule map, may be a no-op
   */
  public RuleLog(
      org.apache.kafka.clients.consumer.Consumer<String, String> consumer,
      String topic,
      Consumer<Map<String, Rule>> listener) {
    this.consumer = consumer;
    this.topic = topic;
    this.listener = listener;
  }

  /**
   * Starts following and waits until every record that existed at the start has been read.
   *
   * @throws IllegalStateException when that takes longer than {@code timeout}
   */
  public void start(Duration timeout) {
    List<TopicPartition> partitions = new ArrayList<>();
    consumer
        .partitionsFor(topic, timeout)
        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    if (partitions.isEmpty()) {
      throw new IllegalStateException("topic " + topic + " does not exist");
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
    thread = new Thread(() -> follow(end), "railyard-rule-log");
    thread.setDaemon(true);
    thread.start();
    try {
      if (!caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            "the rules in " + topic + " were not read within " + timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + topic, e);
    }
  }

  /** The rules as last read, by name; unmodifiable. */
  public Map<String, Rule> rules() {
    return snapshot;
  }

  private void follow(Map<TopicPartition, Long> end) {
    try {
      while (!closed) {
        ConsumerRecords<String, String> records = consumer.poll(POLL);
        lastPoll = System.nanoTime();
        boolean changed = false;
        for (ConsumerRecord<String, String> r : records) {
          changed |= apply(r);
        }
        if (changed || caughtUp.getCount() > 0 && atEnd(end)) {
          publish(Map.copyOf(rules));
        }
        if (caughtUp.getCount() > 0 && atEnd(end)) {
          caughtUp.countDown();
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      stopped(e);
    } catch (Error e) {
      stopped(e);
      throw e;
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void stopped(Throwable e) {
    failure = e;
    log.error(
        "Stopped following {}; the rules stay as last read until a restart: {}",
        topic,
        e.toString(),
        e);
  }

  /**
   * Why the follower thread stopped following, or empty while it follows (and after {@link
   * #close}). Once stopped it does not resume: the rules stay as last read.
   */
  public Optional<Throwable> failure() {
    return closed ? Optional.empty() : Optional.ofNullable(failure);
  }

  /**
   * How long ago the follower last came back from a poll of the topic (it polls every 200 ms, with
   * or without records); since construction before {@link #start}. Its owner decides how late means
   * stuck (e.g. in its listener); the control plane's health says 30 s.
   */
  public Duration sinceLastPoll() {
    return Duration.ofNanos(System.nanoTime() - lastPoll);
  }

  private void publish(Map<String, Rule> next) {
    synchronized (this) {
      snapshot = next;
      notifyAll();
    }
    listener.accept(next);
  }

  /**
   * Waits until the rules satisfy {@code condition}, e.g. until a write has been read back.
   *
   * @return false when {@code timeout} passed first
   */
  public synchronized boolean await(Predicate<Map<String, Rule>> condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.test(snapshot)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  private boolean apply(ConsumerRecord<String, String> r) {
    if (r.key() == null) {
      return false;
    }
    if (r.value() == null) {
      return rules.remove(r.key()) != null;
    }
    try {
      Rule rule = RuleRecords.read(r.key(), r.value());
      return !rule.equals(rules.put(r.key(), rule));
    } catch (IllegalArgumentException e) {
      log.error("Skipping rule record {} at offset {}: {}", r.key(), r.offset(), e.getMessage());
      return false;
    }
  }

  private boolean atEnd(Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    closed = true;
    consumer.wakeup();
    Thread t = thread;
    if (t != null) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else {
      consumer.close(Duration.ofSeconds(5));
    }
  }
}
