package dev.railyard.autoscale.lag;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * The offsets one {@link LagReader#read} found: end offsets of every partition of the topics that
 * exist, and the committed offsets of every group that could be read (a group that does not exist
 * has none). Immutable once made.
 *
 * @param readAt when the read began
 * @param endOffsets by partition; a topic that does not exist has no partition here
 * @param committed by group id, then partition; a group that could not be read is absent
 * @param problems what could not be read (a topic not described, a group not read), one short
 *     reason each; empty when everything asked for was read
 */
public final class OffsetSnapshot {

  private final Instant readAt;
  private final Map<TopicPartition, Long> endOffsets;
  private final Map<String, Map<TopicPartition, Long>> committed;
  private final List<String> problems;
  // the end offsets by topic: a read of thousands of targets looks each topic up several times
  private final Map<String, Map<TopicPartition, Long>> byTopic = new HashMap<>();

  public OffsetSnapshot(
      Instant readAt,
      Map<TopicPartition, Long> endOffsets,
      Map<String, Map<TopicPartition, Long>> committed,
      List<String> problems) {
    this.readAt = readAt;
    this.endOffsets = Map.copyOf(endOffsets);
    this.committed = Map.copyOf(committed);
    this.problems = List.copyOf(problems);
    endOffsets.forEach(
        (tp, end) -> byTopic.computeIfAbsent(tp.topic(), t -> new HashMap<>()).put(tp, end));
  }

  public Instant readAt() {
    return readAt;
  }

  public Map<TopicPartition, Long> endOffsets() {
    return endOffsets;
  }

  public Map<String, Map<TopicPartition, Long>> committed() {
    return committed;
  }

  public List<String> problems() {
    return problems;
  }

  /** Whether {@code topic} exists with at least one partition. */
  public boolean exists(String topic) {
    return byTopic.containsKey(topic);
  }

  /** The end offsets of {@code topic}'s partitions summed; 0 when it does not exist. */
  public long endOffset(String topic) {
    return ends(topic).values().stream().mapToLong(Long::longValue).sum();
  }

  /** The end offset of each partition of {@code topic}; empty when it does not exist. */
  public Map<TopicPartition, Long> ends(String topic) {
    return Collections.unmodifiableMap(byTopic.getOrDefault(topic, Map.of()));
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
    return committed(group).map(offsets -> GroupLag.of(group, topic, ends(topic), offsets));
  }
}
