package dev.railyard.autoscale.lag;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * The offsets one {@link LagReader#read} found: end offsets of every partition of the topics that
 * exist, and the committed offsets of every group that could be read (a group that does not exist
 * has none). Immutable.
 *
 * @param readAt when the read began
 * @param endOffsets by partition; a topic that does not exist has no partition here
 * @param committed by group id, then partition; a group that could not be read is absent
 * @param problems what could not be read (a topic not described, a group not read), one short
 *     reason each; empty when everything asked for was read
 */
public record OffsetSnapshot(
    Instant readAt,
    Map<TopicPartition, Long> endOffsets,
    Map<String, Map<TopicPartition, Long>> committed,
    List<String> problems) {

  public OffsetSnapshot {
    endOffsets = Map.copyOf(endOffsets);
    committed = Map.copyOf(committed);
    problems = List.copyOf(problems);
  }

  /** Whether {@code topic} exists with at least one partition. */
  public boolean exists(String topic) {
    return endOffsets.keySet().stream().anyMatch(tp -> tp.topic().equals(topic));
  }

  /** The end offsets of {@code topic}'s partitions summed; 0 when it does not exist. */
  public long endOffset(String topic) {
    return endOffsets.entrySet().stream()
        .filter(e -> e.getKey().topic().equals(topic))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** The offsets {@code group} has committed, on every topic; empty when it was not read. */
  public Optional<Map<TopicPartition, Long>> committed(String group) {
    return Optional.ofNullable(committed.get(group));
  }

  /**
   * The lag of {@code group} on {@code topic}; empty when the group was not read, no partitions
   * when the topic does not exist.
   */
  public Optional<GroupLag> lag(String group, String topic) {
    return committed(group).map(offsets -> GroupLag.of(group, topic, endOffsets, offsets));
  }
}
