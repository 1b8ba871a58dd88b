package dev.railyard.host.rules;

import dev.railyard.host.kafka.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * A topic of one partition in memory for the rule services' tests: records added in offset order,
 * handed out through {@link #clients} as a fresh {@link MockConsumer} each time it is asked for
 * (offsets by time, commits kept in {@link #committed}).
 */
final class MemoryTopic {

  final String topic;
  final TopicPartition partition;
  final Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();

  /** The groups consumers were asked for, in order ({@code null} for none). */
  final List<String> groups = new ArrayList<>();

  private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
  private final boolean exists;

  MemoryTopic(String topic) {
    this(topic, true);
  }

  private MemoryTopic(String topic, boolean exists) {
    this.topic = topic;
    this.partition = new TopicPartition(topic, 0);
    this.exists = exists;
  }

  /** A topic that does not exist: its consumers find no partitions. */
  static MemoryTopic absent(String topic) {
    return new MemoryTopic(topic, false);
  }

  /** Adds a record at the next offset. */
  void add(Instant timestamp, String key, String value, Map<String, String> headers) {
    RecordHeaders h = new RecordHeaders();
    headers.forEach((k, v) -> h.add(k, v.getBytes(StandardCharsets.UTF_8)));
    records.add(
        new ConsumerRecord<>(
            topic,
            0,
            records.size(),
            timestamp.toEpochMilli(),
            TimestampType.CREATE_TIME,
            -1,
            -1,
            key == null ? null : key.getBytes(StandardCharsets.UTF_8),
            value.getBytes(StandardCharsets.UTF_8),
            h,
            Optional.empty()));
  }

  /** A consumer of the topic holding its records from the first poll after assignment. */
  MockConsumer<byte[], byte[]> consumer() {
    MockConsumer<byte[], byte[]> consumer =
        new MockConsumer<>("earliest") {
          @Override
          public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            committed.putAll(offsets);
            super.commitSync(offsets);
          }

          @Override
          public synchronized Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(
              Map<TopicPartition, Long> times) {
            Map<TopicPartition, OffsetAndTimestamp> found = new HashMap<>();
            times.forEach(
                (tp, time) ->
                    records.stream()
                        .filter(r -> r.timestamp() >= time)
                        .findFirst()
                        .ifPresent(
                            r -> found.put(tp, new OffsetAndTimestamp(r.offset(), r.timestamp()))));
            return found;
          }
        };
    consumer.updatePartitions(
        topic, exists ? List.of(new PartitionInfo(topic, 0, null, null, null)) : List.of());
    consumer.updateBeginningOffsets(Map.of(partition, 0L));
    consumer.updateEndOffsets(Map.of(partition, (long) records.size()));
    consumer.schedulePollTask(() -> records.forEach(consumer::addRecord));
    return consumer;
  }

  /** Clients whose consumers read this topic and whose producer is {@code producer} (or none). */
  KafkaClients clients(Producer<byte[], byte[]> producer) {
    return new TopicClients(
        "memory:9092",
        group -> {
          groups.add(group);
          return consumer();
        },
        producer);
  }
}
