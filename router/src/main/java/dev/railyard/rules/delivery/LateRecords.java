package dev.railyard.rules.delivery;

import dev.railyard.connectors.support.LateDeliveryException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Records the hosted task gave up after the {@code put} that took them had returned (it threw a
 * {@link LateDeliveryException} from {@code preCommit} or {@code flush}), which the guard now owns.
 * Connect has moved past them, so the guard tries them again, one at a time, before anything after
 * them, and keeps every offset it answers Connect below the first of them in its partition until
 * they are settled. Not thread-safe: one per task, used from the task's thread.
 */
final class LateRecords {

  private final List<SinkRecord> records = new ArrayList<>();
  private final Set<Retries.Coordinates> known = new HashSet<>();

  /** Takes records a {@link LateDeliveryException} names; one already held is not taken twice. */
  void add(List<SinkRecord> given) {
    for (SinkRecord record : given) {
      if (known.add(Retries.Coordinates.of(record))) {
        records.add(record);
      }
    }
    // by partition and offset, the order Connect gave them within each partition
    records.sort(
        Comparator.comparing(SinkRecord::originalTopic)
            .thenComparing(SinkRecord::originalKafkaPartition)
            .thenComparingLong(SinkRecord::originalKafkaOffset));
  }

  boolean isEmpty() {
    return records.isEmpty();
  }

  /** The records held, in order; a copy. */
  List<SinkRecord> records() {
    return List.copyOf(records);
  }

  /** Every record held is settled. */
  void clear() {
    records.clear();
    known.clear();
  }

  /** Partitions taken away: their records go to the next owner, as none was committed. */
  void forget(Collection<TopicPartition> partitions) {
    records.removeIf(r -> partitions.contains(partitionOf(r)));
    known.removeIf(c -> partitions.contains(new TopicPartition(c.topic(), c.partition())));
  }

  /** The offsets, each kept at the first record held of its partition. */
  Map<TopicPartition, OffsetAndMetadata> cap(Map<TopicPartition, OffsetAndMetadata> offsets) {
    if (records.isEmpty()) {
      return offsets;
    }
    Map<TopicPartition, OffsetAndMetadata> capped = new HashMap<>(offsets);
    for (SinkRecord record : records) {
      OffsetAndMetadata at = capped.get(partitionOf(record));
      if (at != null && record.originalKafkaOffset() < at.offset()) {
        capped.put(partitionOf(record), new OffsetAndMetadata(record.originalKafkaOffset()));
      }
    }
    return capped;
  }

  private static TopicPartition partitionOf(SinkRecord record) {
    return new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
  }
}
