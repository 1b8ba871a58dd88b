package dev.railyard.rules.connect;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * Where a router task goes back to after a failed write: per partition, the offset of the first
 * event handed over since the last flush that found every write in Kafka. Everything before it is
 * in Kafka; from it on, anything may be missing. The task asks Connect to seek there itself ({@link
 * SinkTaskContext#offset(Map)}) instead of relying on a failed commit to rewind: Connect rewinds
 * after a failed commit on its interval, but not after one that fails while partitions are revoked,
 * and with incremental rebalancing the partitions the task keeps would then go on past the events
 * that were never routed.
 *
 * <p>Connect applies a requested seek at the start of its next poll, before the next {@code put};
 * until then no commit may pass ({@link #pending}). Called from the task's thread only.
 */
final class Rewind {

  private final Map<TopicPartition, Long> unflushed = new HashMap<>();
  // the partition of the last event noted: events come grouped by partition
  private String lastTopic;
  private int lastPartition = -1;
  // a flush found a failed write; the next put asks Connect to seek
  private boolean due;
  // Connect was asked to seek, and has not handed anything over since
  private boolean requested;

  /** At the start of every put: a requested seek is done, and what follows is handed over anew. */
  void putting() {
    if (requested) {
      requested = false;
      clear();
    }
  }

  /** Notes where each partition's events since the last clean flush begin. */
  void note(Collection<SinkRecord> records) {
    for (SinkRecord r : records) {
      int partition = r.originalKafkaPartition();
      String topic = r.originalTopic();
      if (partition != lastPartition || !topic.equals(lastTopic)) {
        unflushed.putIfAbsent(new TopicPartition(topic, partition), r.originalKafkaOffset());
        lastTopic = topic;
        lastPartition = partition;
      }
    }
  }

  /** A flush found every write in Kafka: nothing before now needs routing again. */
  void flushed() {
    clear();
  }

  /** A flush found a failed write: the next put asks Connect to go back. */
  void due() {
    due = true;
  }

  boolean isDue() {
    return due;
  }

  /** Whether a seek is due or under way: committing the current offsets now could skip events. */
  boolean pending() {
    return due || requested;
  }

  /**
   * Asks Connect to seek every partition back to its first event since the last clean flush.
   *
   * @return the offsets asked for
   */
  Map<TopicPartition, Long> request(SinkTaskContext context) {
    Map<TopicPartition, Long> offsets = Map.copyOf(unflushed);
    if (context != null && !offsets.isEmpty()) {
      context.offset(offsets);
    }
    due = false;
    requested = true;
    return offsets;
  }

  /** Partitions the task no longer has: their next owner starts at the committed offsets. */
  void closed(Collection<TopicPartition> partitions) {
    unflushed.keySet().removeAll(partitions);
    lastPartition = -1;
    lastTopic = null;
  }

  private void clear() {
    unflushed.clear();
    lastPartition = -1;
    lastTopic = null;
  }
}
