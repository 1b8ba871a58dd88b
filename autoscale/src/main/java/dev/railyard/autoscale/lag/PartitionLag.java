package dev.railyard.autoscale.lag;

import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;

/**
 * One partition of a group's topic: its end offset and what the group has committed there.
 *
 * @param partition the topic partition, never null
 * @param endOffset the offset the next record written will get
 * @param committed what the group has committed, empty when it has not committed on this partition
 */
public record PartitionLag(TopicPartition partition, long endOffset, OptionalLong committed) {

  /** The records past the commit; a partition without one counts from 0. Never below 0. */
  public long lag() {
    return Math.max(0, endOffset - committed.orElse(0));
  }
}
