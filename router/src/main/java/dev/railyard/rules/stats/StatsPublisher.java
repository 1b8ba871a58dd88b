package dev.railyard.rules.stats;

import dev.railyard.rules.kafka.PluginClients;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one task's {@link DeliveryCounters} to {@link StatsRecords#TOPIC}: a daemon thread
 * writes the cumulative counts every interval when they changed (and at least once an hour, so a
 * run that went silent for long can be told from an idle one), and once more, marked finished, on
 * {@link #close}. Each publisher writes under a key of its own ({@code <source>/<random id>}), so
 * the sum over all keys never goes back when a task restarts. A task that dies without {@link
 * #close} loses what it counted since its last write: at most one interval.
 *
 * <p>Counting never waits for Kafka and nothing here throws into the task: when Kafka cannot be
 * reached the publisher logs it, keeps counting, and writes the counts once it can. Thread-safe.
 */
public final class StatsPublisher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StatsPublisher.class);
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration LAST_SEND_TIMEOUT = Duration.ofSeconds(5);

  /** A run writes at least this often, changed or not; see {@link StatsRecords}. */
  public static final Duration HEARTBEAT = Duration.ofHours(1);

  private final DeliveryCounters counters = new DeliveryCounters();
  private final Producer<String, String> producer;
  private final String key;
  private final Duration interval;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final Thread thread;
  private StatsSnapshot written = StatsSnapshot.EMPTY; // only touched by the publishing thread
  private boolean failing; // likewise
  private long writtenAt = System.nanoTime(); // likewise

  private StatsPublisher(Producer<String, String> producer, String key, Duration interval) {
    this.producer = producer;
    this.key = key;
    this.interval = interval;
    this.thread = new Thread(this::run, "railyard-stats-" + key);
    thread.setDaemon(true);
  }

  /**
   * Starts publishing under a new key.
   *
   * @param clients the clients of the Kafka cluster holding {@link StatsRecords#TOPIC}; not null
   * @param source what counts, e.g. {@code router.<bus>}; the first part of the key; not null
   * @param interval how often the counts are written when they changed; positive
   * @return a running publisher; when no producer can even be created (e.g. an address that does
   *     not resolve) it counts but writes nothing, and says so in the log
   */
  public static StatsPublisher start(PluginClients clients, String source, Duration interval) {
    Objects.requireNonNull(clients, "clients");
    Objects.requireNonNull(source, "source");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the stats interval must be positive, not " + interval);
    }
    String key = StatsRecords.key(source, UUID.randomUUID().toString());
    Producer<String, String> producer = null;
    try {
      producer =
          clients.reliableProducer(
              "railyard-stats-" + source,
              new StringSerializer(),
              new StringSerializer(),
              Map.of(
                  ProducerConfig.MAX_BLOCK_MS_CONFIG,
                  (int) LAST_SEND_TIMEOUT.toMillis(),
                  ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                  (int) SEND_TIMEOUT.toMillis(),
                  ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                  (int) SEND_TIMEOUT.toMillis() * 2));
    } catch (RuntimeException e) {
      log.error(
          "Counts of {} will not be published: no producer for {}: {}",
          source,
          clients.bootstrapServers(),
          e.toString());
    }
    StatsPublisher publisher = new StatsPublisher(producer, key, interval);
    if (producer != null) {
      publisher.thread.start();
    }
    return publisher;
  }

  /** The counters to count with; the same instance for the publisher's life. */
  public DeliveryCounters counters() {
    return counters;
  }

  /** The key this publisher writes under. */
  public String key() {
    return key;
  }

  private void run() {
    try {
      while (!closing.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
        publish(SEND_TIMEOUT.multipliedBy(3), false);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    publish(LAST_SEND_TIMEOUT, true);
    producer.close(Duration.ofSeconds(2));
  }

  private void publish(Duration timeout, boolean finished) {
    StatsSnapshot now = counters.snapshot();
    boolean due = System.nanoTime() - writtenAt >= HEARTBEAT.toNanos();
    if (now.equals(written) && !finished && !due) {
      return;
    }
    try {
      String value = finished ? StatsRecords.writeFinished(now) : StatsRecords.write(now);
      producer
          .send(new ProducerRecord<>(StatsRecords.TOPIC, key, value))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      written = now;
      writtenAt = System.nanoTime();
      if (failing) {
        log.info("Counts of {} are published again", key);
        failing = false;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // the counts are cumulative: the next write carries everything this one would have
      if (!failing) {
        log.warn(
            "Counts of {} not published, trying again every {}: {}", key, interval, e.toString());
        failing = true;
      } else {
        log.debug("Counts of {} still not published: {}", key, e.toString());
      }
    }
  }

  /**
   * Writes the counts a last time, marked finished, and stops. Waits at most 15 s, as a task's stop
   * should not hang on an unreachable Kafka; a write still under way then finishes on its own.
   */
  @Override
  public void close() {
    closing.countDown();
    if (thread.isAlive()) {
      try {
        thread.join(15_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
