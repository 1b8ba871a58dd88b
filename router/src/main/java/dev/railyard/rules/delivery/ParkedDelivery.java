package dev.railyard.rules.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a guard task delivers when its target does not keep order: a record that fails is parked in
 * the retry topic until its next attempt and the records after it go on; parked records are tried
 * again at every {@code put} once they are due. While records fail one after another, the target
 * looks down rather than refusing one record: then only one new record and one parked record are
 * tried per backoff, so an outage does not turn into a retry topic full of records each tried once.
 * Records the hosted task gave up after their {@code put} ({@link LateRecords}) are tried one at a
 * time like a failed batch, before the new ones. Used from the task's thread.
 */
final class ParkedDelivery implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ParkedDelivery.class);

  /** Consecutive failures from which the target is taken to be down. */
  private static final int OUTAGE = 3;

  /** At most this many parked records are tried in one {@code put}, so it stays short. */
  private static final int PARKED_PER_PUT = 100;

  private final GuardedSinkTask guard;
  private final ParkingLot lot;
  private final Clock clock;
  private final LateRecords late;
  private final Retries retries = new Retries();
  private final Retries lateRetries = new Retries();
  private int consecutiveFailures;

  ParkedDelivery(GuardedSinkTask guard, ParkingLot lot, LateRecords late, Clock clock) {
    this.guard = guard;
    this.lot = lot;
    this.late = late;
    this.clock = clock;
  }

  /** Delivers a batch, parking what fails; throws only to ask Connect to wait during an outage. */
  void put(Collection<SinkRecord> records) {
    Instant now = clock.instant();
    boolean probed = settleLate(retryDue(now), now);
    if (records.isEmpty()) {
      return;
    }
    if (!retries.pending() && !outage()) {
      try {
        guard.deliver(records);
        consecutiveFailures = 0;
        return;
      } catch (RuntimeException e) {
        log.debug(
            "A batch of {} record(s) for {} failed; trying them one by one: {}",
            records.size(),
            guard.target(),
            e.toString());
        // what the hosted task still holds of earlier puts is settled first
        guard.flushHeld(records);
        probed = settleLate(probed, now);
        if (records.size() == 1) {
          failed(records.iterator().next(), null, e, now);
          return;
        }
      }
    }
    oneByOne(records, retries, probed, now);
  }

  /** Settles the records the hosted task gave up after their put; whether any was tried. */
  private boolean settleLate(boolean probed, Instant now) {
    if (late.isEmpty()) {
      return probed;
    }
    oneByOne(late.records(), lateRetries, probed, now);
    late.clear();
    return true;
  }

  /** Delivers or parks each record in turn; throws to wait while the target looks down. */
  private void oneByOne(
      Collection<SinkRecord> records, Retries retries, boolean probed, Instant now) {
    for (SinkRecord record : records) {
      Retries.Coordinates at = Retries.Coordinates.of(record);
      if (retries.isSettled(at)) {
        continue;
      }
      if (outage() && probed) {
        guard.waitThenRedeliver(guard.backoffMs(consecutiveFailures - OUTAGE + 1), null);
      }
      probed = true;
      try {
        guard.deliverNow(record);
        consecutiveFailures = 0;
      } catch (RuntimeException e) {
        failed(record, null, e, now);
      }
      retries.settle(at);
    }
    retries.clear();
  }

  /** Tries the parked records that are due. */
  void retryDue() {
    retryDue(clock.instant());
  }

  /** Tries the parked records that are due (one only while the target looks down); any tried? */
  private boolean retryDue(Instant now) {
    boolean probed = false;
    for (ParkingLot.Parked p : lot.due(now, PARKED_PER_PUT)) {
      if (outage() && probed) {
        break;
      }
      probed = true;
      try {
        guard.deliverNow(p.record());
        consecutiveFailures = 0;
      } catch (RuntimeException e) {
        failed(p.record(), p.failure(), e, now);
      }
      lot.done(p);
    }
    return probed;
  }

  private boolean outage() {
    return consecutiveFailures >= OUTAGE;
  }

  /** A record failed once more: park it until its next attempt, or dead-letter it when spent. */
  private void failed(SinkRecord record, Retries.Failure before, RuntimeException e, Instant now) {
    consecutiveFailures++;
    guard.countFailure();
    int attempts = before == null ? 1 : before.attempts() + 1;
    Retries.Failure failure =
        new Retries.Failure(
            attempts,
            before == null ? now : before.first(),
            now,
            now.plusMillis(guard.backoffMs(attempts)));
    if (guard.spent(record, failure, e, now)) {
      guard.deadLetter(record, failure, e);
      return;
    }
    try {
      lot.park(record, failure, e);
    } catch (RuntimeException parkFailure) {
      // not parked, so not settled: Connect hands the batch over again after the wait
      guard.waitThenRedeliver(guard.policy().initialBackoffMs(), parkFailure);
    }
  }

  @Override
  public void close() {
    lot.close();
  }
}
