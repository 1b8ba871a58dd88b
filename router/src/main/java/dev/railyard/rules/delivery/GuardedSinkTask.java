package dev.railyard.rules.delivery;

import dev.railyard.connectors.support.LateDeliveryException;
import dev.railyard.rules.model.RetryPolicy;
import dev.railyard.rules.stats.DeliveryCounters;
import dev.railyard.rules.stats.StatsPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task of the hosted sink connector and retries, per record, what it fails to deliver.
 *
 * <p>A batch goes to the hosted task whole. When that fails, the guard finds the failing records by
 * handing them over one at a time: a record that fails is retried after an exponential backoff with
 * jitter (by asking Connect to redeliver the batch after that wait, so the worker keeps polling and
 * nobody sleeps in {@code put}); records of the batch already delivered are not sent twice
 * meanwhile. When a record has failed {@code maxAttempts} retries, has grown older than {@code
 * maxAge} (by its timestamp in the delivery topic) or failed in a way that cannot pass later (see
 * {@link Failures}), it goes to the target's dead-letter topic with the rule, target, error class
 * and message, attempts, and first and last failure time, and the batch moves on. Offsets are
 * committed by Connect only for batches that are wholly settled, so every record is delivered or
 * dead-lettered at least once. That keeps the order of each partition ({@link OrderedDelivery}); a
 * policy that does not keep order parks failing records in the target's retry topic instead (see
 * {@link ParkedDelivery}).
 *
 * <p>A hosted task may keep records past {@code put} (the HTTP sink's linger) and give up some
 * later, with a {@link LateDeliveryException} from {@code preCommit} or {@code flush} naming them.
 * The guard then owns them ({@link LateRecords}): it keeps the offsets it answers Connect below
 * them, and at the next {@code put} retries or dead-letters them one at a time, as a failed batch,
 * before anything else; records it hands over one at a time are flushed, so each is delivered for
 * sure.
 */
public class GuardedSinkTask extends SinkTask {

  private static final Logger log = LoggerFactory.getLogger(GuardedSinkTask.class);

  private final Clock clock;
  private final Random random;
  private final Function<GuardedSinkConfig, LetterBox> letterBoxes;
  private final Function<GuardedSinkConfig, ParkingLot> parkingLots;
  private final LateRecords late = new LateRecords();
  private final GuardWriters writers = new GuardWriters();

  private SinkTask delegate;
  private ClassLoader loader;
  private RetryPolicy policy;
  private Duration maxAge;
  private String rule;
  private String target;
  private RouteHeaders routeHeaders;
  private LetterBox letters;
  private OrderedDelivery ordered;
  private ParkedDelivery parked;
  private StatsPublisher stats;

  public GuardedSinkTask() {
    this(Clock.systemUTC(), new Random(), null, null);
  }

  /**
   * @param letterBoxes where spent records go; null for the dead-letter topic
   * @param parkingLots where failed records wait; null for the retry topic
   */
  GuardedSinkTask(
      Clock clock,
      Random random,
      Function<GuardedSinkConfig, LetterBox> letterBoxes,
      Function<GuardedSinkConfig, ParkingLot> parkingLots) {
    this.clock = clock;
    this.random = random;
    this.letterBoxes = letterBoxes != null ? letterBoxes : writers::letterBox;
    this.parkingLots = parkingLots != null ? parkingLots : writers::parkingLot;
  }

  @Override
  public void start(Map<String, String> props) {
    GuardedSinkConfig config = new GuardedSinkConfig(props);
    policy = config.policy();
    maxAge = config.maxAge();
    rule = config.getString(GuardedSinkConfig.RULE_CONFIG);
    target = config.getString(GuardedSinkConfig.TARGET_CONFIG);
    routeHeaders = new RouteHeaders(rule, target);
    delegate =
        Delegates.newTask(
            Delegates.taskClass(
                config.getString(GuardedSinkConfig.DELEGATE_CLASS_CONFIG),
                config.getString(GuardedSinkConfig.DELEGATE_TASK_CLASS_CONFIG)));
    loader = delegate.getClass().getClassLoader();
    letters = letterBoxes.apply(config);
    ordered = new OrderedDelivery(this, late, clock);
    parked =
        config.retryTopic() == null
            ? null
            : new ParkedDelivery(this, parkingLots.apply(config), late, clock);
    stats =
        StatsPublisher.start(
            config.clients(),
            "target." + rule + "." + target,
            Duration.ofMillis(config.getInt(GuardedSinkConfig.STATS_INTERVAL_CONFIG)));
    Delegates.run(
        loader,
        () -> {
          delegate.initialize(context);
          delegate.start(Delegates.delegateProps(props));
        });
    log.info(
        "Delivery to {}.{} through {} with up to {} retries within {}, {}",
        rule,
        target,
        delegate.getClass().getName(),
        policy.maxAttempts(),
        maxAge,
        policy.inOrder() ? "in order" : "parking failed records in " + config.retryTopic());
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    if (!policy.inOrder()) {
      parked.put(records);
      return;
    }
    if (parked != null) {
      // records parked before the policy was made in-order are still delivered
      parked.retryDue();
    }
    ordered.put(records);
  }

  boolean spent(SinkRecord record, Retries.Failure failure, RuntimeException e, Instant now) {
    if (!Failures.retriable(e) || failure.attempts() > policy.maxAttempts()) {
      return true;
    }
    Instant born =
        record.timestamp() == null ? failure.first() : Instant.ofEpochMilli(record.timestamp());
    return Duration.between(born, now).compareTo(maxAge) >= 0;
  }

  /** Asks Connect to hand the batch over again after {@code waitMs}; always throws. */
  void waitThenRedeliver(long waitMs, RuntimeException cause) {
    context.timeout(Math.max(1, waitMs));
    throw new RetriableException(
        "delivery to " + rule + "." + target + " failed; retrying in " + waitMs + " ms", cause);
  }

  void deadLetter(SinkRecord record, Retries.Failure failure, RuntimeException e) {
    new DeadLettering(letters, rule, target).deadLetter(record, failure, e);
  }

  /** Hands records to the hosted task, with the rule and target headers. */
  void deliver(Collection<SinkRecord> records) {
    routeHeaders.addTo(records);
    Delegates.run(loader, () -> delegate.put(records));
  }

  /**
   * Hands one record to the hosted task and has it flushed, so that it is delivered when this
   * returns even if the task keeps records past {@code put}; a task that does not ignores the
   * flush. Records of earlier puts a late failure names besides are taken into {@link LateRecords}.
   *
   * @throws RuntimeException why this record was not delivered
   */
  void deliverNow(SinkRecord record) {
    deliver(List.of(record));
    TopicPartition partition =
        new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
    try {
      Delegates.run(
          loader,
          () ->
              delegate.flush(
                  Map.of(partition, new OffsetAndMetadata(record.originalKafkaOffset() + 1))));
    } catch (LateDeliveryException e) {
      List<SinkRecord> others = e.records().stream().filter(r -> r != record).toList();
      late.add(others);
      if (others.size() < e.records().size()) {
        throw e.getCause();
      }
    }
  }

  /**
   * Has the hosted task deliver what it holds of earlier puts, taking what it gives up into {@link
   * LateRecords}.
   *
   * @param next the records about to be handed over; the flush covers each partition up to them
   */
  void flushHeld(Collection<SinkRecord> next) {
    Map<TopicPartition, OffsetAndMetadata> upTo = new HashMap<>();
    for (SinkRecord r : next) {
      upTo.merge(
          new TopicPartition(r.originalTopic(), r.originalKafkaPartition()),
          new OffsetAndMetadata(r.originalKafkaOffset()),
          (a, b) -> a.offset() <= b.offset() ? a : b);
    }
    try {
      Delegates.run(loader, () -> delegate.flush(upTo));
    } catch (LateDeliveryException e) {
      late.add(e.records());
    }
  }

  @Override
  public void open(Collection<TopicPartition> partitions) {
    Delegates.run(loader, () -> delegate.open(partitions));
  }

  @Override
  public void close(Collection<TopicPartition> partitions) {
    ordered.forget(partitions);
    late.forget(partitions);
    Delegates.run(loader, () -> delegate.close(partitions));
  }

  @Override
  public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    try {
      Delegates.run(loader, () -> delegate.flush(currentOffsets));
    } catch (LateDeliveryException e) {
      late.add(e.records());
    }
  }

  /**
   * The hosted task's offsets, kept below the records it gave up after their {@code put} (which the
   * guard then owns and delivers at the next {@code put}), so no offset of a record not yet
   * delivered or dead-lettered is committed.
   */
  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(
      Map<TopicPartition, OffsetAndMetadata> offsets) {
    while (true) {
      try {
        return late.cap(Delegates.call(loader, () -> delegate.preCommit(offsets)));
      } catch (LateDeliveryException e) {
        // the task holds none of those records any more; ask again for the offsets of the rest
        late.add(e.records());
      }
    }
  }

  @Override
  public void stop() {
    try {
      if (delegate != null) {
        Delegates.run(loader, delegate::stop);
      }
    } finally {
      if (letters != null) {
        letters.close();
      }
      if (parked != null) {
        parked.close();
      }
      writers.close();
      if (stats != null) {
        stats.close();
      }
    }
  }

  RetryPolicy policy() {
    return policy;
  }

  long backoffMs(int retry) {
    return policy.backoffMs(retry, random);
  }

  void countFailure() {
    stats.counters().failed(rule, target);
  }

  String target() {
    return rule + "." + target;
  }

  /** What this task counted; for tests. */
  DeliveryCounters counters() {
    return stats.counters();
  }

  @Override
  public String version() {
    return GuardedSinkConnector.VERSION;
  }
}
