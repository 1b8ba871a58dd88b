package dev.railyard.rules.delivery;

import java.time.Instant;
import java.util.List;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Where a guard task parks the records that failed, until their next attempt, when the target's
 * retry policy does not keep order. Used from the task's thread only.
 */
interface ParkingLot extends AutoCloseable {

  /** A parked record whose time has come, as the hosted sink saw it, with its failures so far. */
  record Parked(SinkRecord record, Retries.Failure failure, int partition, long offset) {}

  /**
   * Parks a record until {@code failure.notBefore()}, and returns once it is stored.
   *
   * @param error the record's last failure, kept for whoever looks at what is parked
   * @throws org.apache.kafka.connect.errors.RetriableException when it could not be stored
   */
  void park(SinkRecord record, Retries.Failure failure, Throwable error);

  /**
   * Parked records due at {@code now}, oldest first, at most {@code max}. Each stays parked until
   * {@link #done} is called for it, so one not done is returned again.
   */
  List<Parked> due(Instant now, int max);

  /** A record returned by {@link #due} is settled: delivered, parked again or dead-lettered. */
  void done(Parked parked);

  @Override
  void close();
}
