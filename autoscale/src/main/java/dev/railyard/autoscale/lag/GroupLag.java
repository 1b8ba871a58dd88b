package dev.railyard.autoscale.lag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer group's lag on one topic, partition by partition; every partition of the topic is
 * there once, committed on or not.
 *
 * @param group the consumer group id
 * @param topic the topic, whose partitions may be none when it does not exist
 * @param partitions in partition order, unmodifiable
 */
public record GroupLag(String group, String topic, List<PartitionLag> partitions) {

  public GroupLag {
    partitions = List.copyOf(partitions);
  }

  /**
   * The lag of {@code group} on the partitions of {@code topic} found in {@code ends}.
   *
   * @param ends end offsets by partition, of this topic and maybe others
   * @param committed the group's committed offsets by partition, of this topic and maybe others
   */
  public static GroupLag of(
      String group,
      String topic,
      Map<TopicPartition, Long> ends,
      Map<TopicPartition, Long> committed) {
    List<PartitionLag> partitions = new ArrayList<>();
    ends.forEach(
        (tp, end) -> {
          if (tp.topic().equals(topic)) {
            Long offset = committed.get(tp);
            partitions.add(
                new PartitionLag(
                    tp, end, offset == null ? OptionalLong.empty() : OptionalLong.of(offset)));
          }
        });
    partitions.sort(Comparator.comparingInt(p -> p.partition().partition()));
    return new GroupLag(group, topic, partitions);
  }

  /** The records of the topic past the group's commits, summed over its partitions. */
  public long lag() {
    return partitions.stream().mapToLong(PartitionLag::lag).sum();
  }

  /** The end offsets of the topic's partitions summed: every record it ever held. */
  public long endOffsets() {
    return partitions.stream().mapToLong(PartitionLag::endOffset).sum();
  }
}
