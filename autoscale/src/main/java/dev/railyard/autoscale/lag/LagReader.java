package dev.railyard.autoscale.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
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
import org.apache.kafka.common.TopicPartition;
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
   * @param timeout how long each of the three requests may take
   */
  public LagReader(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  /**
   * Reads the end offsets of every partition of {@code topics} and the committed offsets of {@code
   * groups}; a name asked for twice is read once.
   *
   * @throws ExecutionException when the end offsets could not be listed
   * @throws TimeoutException when listing them took longer than the timeout
   */
  public OffsetSnapshot read(Collection<String> topics, Collection<String> groups)
      throws ExecutionException, TimeoutException, InterruptedException {
    Instant readAt = Instant.now();
    List<String> problems = new ArrayList<>();
    Map<TopicPartition, Long> ends = endOffsets(new LinkedHashSet<>(topics), problems);
    Map<String, Map<TopicPartition, Long>> committed =
        committedOffsets(new LinkedHashSet<>(groups), problems);
    return new OffsetSnapshot(readAt, ends, committed, problems);
  }

  private Map<TopicPartition, Long> endOffsets(Set<String> topics, List<String> problems)
      throws ExecutionException, TimeoutException, InterruptedException {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    if (!topics.isEmpty()) {
      admin
          .describeTopics(topics)
          .topicNameValues()
          .forEach(
              (topic, future) -> {
                try {
                  future
                      .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                      .partitions()
                      .forEach(
                          p ->
                              request.put(
                                  new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  problems.add("topic " + topic + " not described: interrupted");
                } catch (ExecutionException e) {
                  if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    problems.add("topic " + topic + " not described: " + e.getCause());
                  }
                } catch (TimeoutException e) {
                  problems.add("topic " + topic + " not described within " + timeout);
                }
              });
    }
    Map<TopicPartition, Long> ends = new HashMap<>();
    if (!request.isEmpty()) {
      admin
          .listOffsets(request)
          .all()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .forEach((tp, info) -> ends.put(tp, info.offset()));
    }
    return ends;
  }

  private Map<String, Map<TopicPartition, Long>> committedOffsets(
      Set<String> groups, List<String> problems) throws InterruptedException {
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
            .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .forEach(
                (tp, o) -> {
                  if (o != null) {
                    offsets.put(tp, o.offset());
                  }
                });
        committed.put(group, offsets);
      } catch (ExecutionException e) {
        problems.add("offsets of group " + group + " not read: " + e.getCause());
      } catch (TimeoutException e) {
        problems.add("offsets of group " + group + " not read within " + timeout);
      }
    }
    return committed;
  }
}
