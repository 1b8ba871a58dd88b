package dev.railyard.rules.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a guard task delivers when its target keeps order (the default). A batch goes to the hosted
 * task whole; when that fails, the records are handed over one at a time, each delivered for sure
 * before the next ({@link GuardedSinkTask#deliverNow}). A record that fails is retried after a
 * backoff by asking Connect to redeliver the batch, so nothing after it goes first; records already
 * settled are not sent twice meanwhile. Records the hosted task gave up after an earlier {@code
 * put} ({@link LateRecords}) come before all of these, in the same way. Used from the task's
 * thread.
 */
final class OrderedDelivery {

  private static final Logger log = LoggerFactory.getLogger(OrderedDelivery.class);

  private final GuardedSinkTask guard;
  private final LateRecords late;
  private final Clock clock;
  private final Retries retries = new Retries();
  private final Retries lateRetries = new Retries();

  OrderedDelivery(GuardedSinkTask guard, LateRecords late, Clock clock) {
    this.guard = guard;
    this.late = late;
    this.clock = clock;
  }

  /** Delivers a batch, or throws to have Connect hand it over again after a backoff. */
  void put(Collection<SinkRecord> records) {
    settleLate();
    RuntimeException batchFailure = null;
    if (records.isEmpty() || !retries.pending()) {
      try {
        guard.deliver(records);
        return;
      } catch (RuntimeException e) {
        if (records.isEmpty()) {
          throw e;
        }
        batchFailure = e;
        log.debug(
            "A batch of {} record(s) for {} failed; trying them one by one: {}",
            records.size(),
            guard.target(),
            e.toString());
        // what the hosted task still holds of earlier puts is settled before this batch
        guard.flushHeld(records);
        settleLate();
      }
    }
    oneByOne(records, retries, batchFailure);
  }

  /** Partitions taken away: their records will be redelivered elsewhere. */
  void forget(Collection<TopicPartition> partitions) {
    retries.forget(partitions);
    lateRetries.forget(partitions);
  }

  private void settleLate() {
    if (!late.isEmpty()) {
      oneByOne(late.records(), lateRetries, null);
      late.clear();
    }
  }

  /**
   * Settles each record in turn: delivered, or dead-lettered when spent; throws to wait before the
   * next attempt of one that failed.
   *
   * @param batchFailure how the whole batch failed, when it did: the attempt of a batch of one
   */
  private void oneByOne(
      Collection<SinkRecord> records, Retries retries, RuntimeException batchFailure) {
    for (SinkRecord record : records) {
      Retries.Coordinates at = Retries.Coordinates.of(record);
      if (retries.isSettled(at)) {
        continue;
      }
      Instant now = clock.instant();
      Retries.Failure before = retries.failureOf(at);
      if (before != null && now.isBefore(before.notBefore())) {
        // Connect came back early (an offset commit cut its wait short): wait out the rest
        guard.waitThenRedeliver(Duration.between(now, before.notBefore()).toMillis(), null);
      }
      try {
        if (batchFailure != null && records.size() == 1) {
          throw batchFailure; // that was this record's attempt already
        }
        guard.deliverNow(record);
        retries.settle(at);
      } catch (RuntimeException e) {
        Retries.Failure failure = retries.fail(at, now, guard::backoffMs);
        guard.countFailure();
        if (guard.spent(record, failure, e, now)) {
          guard.deadLetter(record, failure, e);
          retries.settle(at);
        } else {
          guard.waitThenRedeliver(Duration.between(now, failure.notBefore()).toMillis(), e);
        }
      }
    }
    retries.clear();
  }
}
