package dev.railyard.autoscale.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Reads end offsets and committed offsets in three Admin requests however many topics and groups
 * are asked for: the topics described, the end offsets of all their partitions listed, the
 * committed offsets of all the groups listed. A topic that does not exist is not a problem (it
 * simply has no partitions); a topic that could not be described or a group that could not be read
 * is left out and named in {@link OffsetSnapshot#problems()}. Thread-safe as the Admin given is;
 * the reader does not close it.
 */
public final class LagReader {

  private final Admin admin;
  private final Duration timeout;

  /**
   * @param admin the client to read with, owned by the caller
   * @param timeout how long one {@link #read} may take in all, its three requests together
   */
  public LagReader(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  /**
   * Reads the end offsets of every partition of {@code topics} and the committed offsets of {@code
   * groups}. A group that has committed nothing, or that the broker does not know, has no committed
   * offsets (an empty map), not a problem.
   *
   * @throws ExecutionException when the end offsets could not be listed
   * @throws TimeoutException when the read took longer than the timeout
   */
  public OffsetSnapshot read(Collection<String> topics, Collection<String> groups)
      throws ExecutionException, TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Instant readAt = Instant.now();
    List<String> problems = new ArrayList<>();
    Map<TopicPartition, Long> ends = endOffsets(Set.copyOf(topics), deadline, problems);
    Map<String, Map<TopicPartition, Long>> committed =
        committedOffsets(Set.copyOf(groups), deadline, problems);
    return new OffsetSnapshot(readAt, ends, committed, problems);
  }

  private Map<TopicPartition, Long> endOffsets(
      Set<String> topics, long deadline, List<String> problems)
      throws ExecutionException, TimeoutException, InterruptedException {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    if (!topics.isEmpty()) {
      Map<String, KafkaFuture<TopicDescription>> described =
          admin.describeTopics(topics).topicNameValues();
      for (Map.Entry<String, KafkaFuture<TopicDescription>> e : described.entrySet()) {
        String topic = e.getKey();
        try {
          for (TopicPartitionInfo p :
              e.getValue().get(left(deadline), TimeUnit.NANOSECONDS).partitions()) {
            request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
          }
        } catch (ExecutionException failure) {
          if (!(failure.getCause() instanceof UnknownTopicOrPartitionException)) {
            problems.add("topic " + topic + " not described: " + failure.getCause());
          }
        } catch (TimeoutException late) {
          problems.add("topic " + topic + " not described within " + timeout);
        }
      }
    }
    Map<TopicPartition, Long> ends = new HashMap<>();
    if (!request.isEmpty()) {
      admin
          .listOffsets(request)
          .all()
          .get(left(deadline), TimeUnit.NANOSECONDS)
          .forEach((tp, info) -> ends.put(tp, info.offset()));
    }
    return ends;
  }

  private Map<String, Map<TopicPartition, Long>> committedOffsets(
      Set<String> groups, long deadline, List<String> problems) throws InterruptedException {
    Map<String, Map<TopicPartition, Long>> committed = new HashMap<>();
    if (groups.isEmpty()) {
      return committed;
    }
    Map<String, ListConsumerGroupOffsetsSpec> request = new HashMap<>();
    groups.forEach(g -> request.put(g, new ListConsumerGroupOffsetsSpec()));
    ListConsumerGroupOffsetsResult result = admin.listConsumerGroupOffsets(request);
    for (String group : groups) {
      try {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result
            .partitionsToOffsetAndMetadata(group)
            .get(left(deadline), TimeUnit.NANOSECONDS)
            .forEach(
                (tp, o) -> {
                  if (o != null) {
                    offsets.put(tp, o.offset());
                  }
                });
        committed.put(group, offsets);
      } catch (ExecutionException failure) {
        if (failure.getCause() instanceof GroupIdNotFoundException) {
          committed.put(group, Map.of());
        } else {
          problems.add("offsets of group " + group + " not read: " + failure.getCause());
        }
      } catch (TimeoutException late) {
        problems.add("offsets of group " + group + " not read within " + timeout);
      }
    }
    return committed;
  }

  private static long left(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }
}
