package org.apache.kafka.clients.admin;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.internals.CoordinatorKey;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.CoordinatorNotAvailableException;
import org.apache.kafka.common.internals.KafkaFutureImpl;

/**
 * Kafka's {@link MockAdminClient} with committed offsets per group: the mock keeps one set of
 * offsets for all groups and answers one group per request, where the lag reader asks for many at
 * once. In Kafka's package because the result it builds has a package-private constructor.
 */
public final class GroupsMockAdmin extends MockAdminClient {

  private static final Node NODE = new Node(0, "localhost", 9092);

  private final Map<String, Map<TopicPartition, Long>> groups = new HashMap<>();
  private final Set<String> unreadable = new HashSet<>();
  private final AtomicInteger groupRequests = new AtomicInteger();

  public GroupsMockAdmin() {
    super(List.of(NODE), NODE);
  }

  /** Adds a topic of {@code partitions} partitions whose end offsets are {@code ends}, in order. */
  public void topic(String name, long... ends) {
    List<TopicPartitionInfo> infos = new java.util.ArrayList<>();
    Map<TopicPartition, Long> offsets = new HashMap<>();
    for (int p = 0; p < ends.length; p++) {
      infos.add(new TopicPartitionInfo(p, NODE, List.of(NODE), List.of(NODE)));
      offsets.put(new TopicPartition(name, p), ends[p]);
    }
    addTopic(false, name, infos, Map.of());
    updateEndOffsets(offsets);
  }

  /** Moves the end offsets of {@code name}'s partitions to {@code ends}, in order. */
  public void ends(String name, long... ends) {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    for (int p = 0; p < ends.length; p++) {
      offsets.put(new TopicPartition(name, p), ends[p]);
    }
    updateEndOffsets(offsets);
  }

  /** Records what {@code group} has committed. */
  public synchronized void commit(String group, TopicPartition partition, long offset) {
    groups.computeIfAbsent(group, g -> new HashMap<>()).put(partition, offset);
  }

  /** Makes reading {@code group}'s offsets fail, as a coordinator that cannot be reached would. */
  public synchronized void unreadable(String group) {
    unreadable.add(group);
  }

  /** How many listConsumerGroupOffsets requests were made. */
  public int groupRequests() {
    return groupRequests.get();
  }

  @Override
  public synchronized ListConsumerGroupOffsetsResult listConsumerGroupOffsets(
      Map<String, ListConsumerGroupOffsetsSpec> specs, ListConsumerGroupOffsetsOptions options) {
    groupRequests.incrementAndGet();
    Map<CoordinatorKey, KafkaFuture<Map<TopicPartition, OffsetAndMetadata>>> futures =
        new HashMap<>();
    specs
        .keySet()
        .forEach(
            group -> {
              KafkaFutureImpl<Map<TopicPartition, OffsetAndMetadata>> future =
                  new KafkaFutureImpl<>();
              if (unreadable.contains(group)) {
                future.completeExceptionally(
                    new CoordinatorNotAvailableException("coordinator of " + group + " is away"));
              } else {
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                groups
                    .getOrDefault(group, Map.of())
                    .forEach((tp, o) -> offsets.put(tp, new OffsetAndMetadata(o)));
                future.complete(offsets);
              }
              futures.put(CoordinatorKey.byGroupId(group), future);
            });
    return new ListConsumerGroupOffsetsResult(futures);
  }
}
