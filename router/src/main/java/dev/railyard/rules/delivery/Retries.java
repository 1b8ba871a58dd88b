package dev.railyard.rules.delivery;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * What a guard task remembers between Connect's redeliveries of a batch: the failures of each
 * record that is being retried, and which records of the batch are already settled (delivered or
 * dead-lettered) so a redelivery does not send them again. Not thread-safe: one per task, used from
 * the task's thread.
 */
final class Retries {

  /** Where a record is in its delivery topic. */
  record Coordinates(String topic, int partition, long offset) {

    static Coordinates of(SinkRecord r) {
      return new Coordinates(
          r.originalTopic(), r.originalKafkaPartition(), r.originalKafkaOffset());
    }
  }

  /** The failures of one record so far. */
  record Failure(int attempts, Instant first, Instant last, Instant notBefore) {}

  private final Map<Coordinates, Failure> failures = new HashMap<>();
  private final Set<Coordinates> settled = new HashSet<>();

  /** Whether a batch is part-way through: some of it failed or is settled. */
  boolean pending() {
    return !failures.isEmpty() || !settled.isEmpty();
  }

  boolean isSettled(Coordinates c) {
    return settled.contains(c);
  }

  Failure failureOf(Coordinates c) {
    return failures.get(c);
  }

  /**
   * Counts one more failed attempt of a record, which may be tried again from {@code now + waitMs}.
   */
  Failure fail(Coordinates c, Instant now, java.util.function.IntToLongFunction waitMs) {
    Failure before = failures.get(c);
    int attempts = before == null ? 1 : before.attempts() + 1;
    Failure after =
        new Failure(
            attempts,
            before == null ? now : before.first(),
            now,
            now.plusMillis(waitMs.applyAsLong(attempts)));
    failures.put(c, after);
    return after;
  }

  void settle(Coordinates c) {
    failures.remove(c);
    settled.add(c);
  }

  /** The whole batch is settled: start afresh. */
  void clear() {
    failures.clear();
    settled.clear();
  }

  /** Partitions taken away from this task: their records will be redelivered elsewhere. */
  void forget(Collection<TopicPartition> partitions) {
    failures
        .keySet()
        .removeIf(c -> partitions.contains(new TopicPartition(c.topic(), c.partition())));
    settled.removeIf(c -> partitions.contains(new TopicPartition(c.topic(), c.partition())));
  }
}
