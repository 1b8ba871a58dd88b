package dev.railyard.rules.delivery;

import dev.railyard.rules.kafka.PluginClients;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A target's retry topic as the guard's parking lot. Parking writes the record (acknowledged by all
 * in-sync replicas) before the guard lets its offset in the delivery topic be committed. Each task
 * reads its share of the retry topic's partitions back (task i of n: the partitions p with p % n ==
 * i), assigned rather than through a group rebalance, so a task restarted after a crash reads them
 * again at once; it commits a parked record in the group {@code railyard-retry.<rule>.<target>}
 * only once the record is settled, so parked records survive crashes. Records are taken in the
 * order they were parked per partition: a partition whose oldest record is not yet due is paused
 * until it is, so a record parked for a long wait holds back those parked after it (at most the
 * policy's longest backoff). Used from one task thread.
 */
final class RetryTopic implements ParkingLot {

  private static final Logger log = LoggerFactory.getLogger(RetryTopic.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Duration ASSIGN_TIMEOUT = Duration.ofSeconds(5);

  private final String topic;
  private final int taskIndex;
  private final int taskCount;
  private final ParkedRecords codec = new ParkedRecords();
  private final Producer<byte[], byte[]> producer;
  private final Consumer<byte[], byte[]> consumer;
  private final Map<TopicPartition, Deque<Parked>> fetched = new HashMap<>();
  private boolean assigned;

  /**
   * @param producer parks the records; shared with the task's other writers, not closed by this
   * @param taskIndex this task's number from 0, or -1 to read every partition
   * @param taskCount how many tasks share the topic
   */
  RetryTopic(
      Producer<byte[], byte[]> producer,
      PluginClients clients,
      String topic,
      String group,
      int taskIndex,
      int taskCount,
      String clientId) {
    this.topic = topic;
    this.taskIndex = taskIndex;
    this.taskCount = taskCount;
    this.producer = producer;
    consumer =
        clients.consumer(
            clientId + "-unpark",
            group,
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer(),
            Map.of(
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                100));
    assign();
  }

  /**
   * Takes this task's partitions and looks up where each was left, so the first {@link #due} after
   * start need not wait for that round trip.
   */
  private void assign() {
    if (assigned) {
      return;
    }
    try {
      List<TopicPartition> mine = new ArrayList<>();
      for (PartitionInfo p : consumer.partitionsFor(topic, ASSIGN_TIMEOUT)) {
        if (taskIndex < 0 || p.partition() % taskCount == taskIndex) {
          mine.add(new TopicPartition(topic, p.partition()));
        }
      }
      consumer.assign(mine);
      for (TopicPartition tp : mine) {
        consumer.position(tp, ASSIGN_TIMEOUT);
      }
      assigned = true;
      log.info("Reading parked records from {}", mine);
    } catch (KafkaException e) {
      log.warn("Could not read {} yet (will try again): {}", topic, e.toString());
    }
  }

  @Override
  public void park(SinkRecord record, Retries.Failure failure, Throwable error) {
    try {
      producer
          .send(codec.encode(topic, record, failure, error))
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetriableException("interrupted while parking a record in " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new RetriableException("could not park a record in " + topic + ": " + e, e);
    }
  }

  @Override
  public List<Parked> due(Instant now, int max) {
    assign();
    if (!assigned) {
      return List.of();
    }
    try {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ZERO)) {
        Parked parked = decode(r);
        if (parked != null) {
          fetched
              .computeIfAbsent(
                  new TopicPartition(r.topic(), r.partition()), p -> new ArrayDeque<>())
              .add(parked);
        }
      }
    } catch (KafkaException e) {
      // the retry topic is out of reach for now; parked records keep until it is back
      log.warn("Could not read {}: {}", topic, e.toString());
      return List.of();
    }
    List<Parked> due = new ArrayList<>();
    List<TopicPartition> waiting = new ArrayList<>();
    List<TopicPartition> drained = new ArrayList<>();
    for (Map.Entry<TopicPartition, Deque<Parked>> e : fetched.entrySet()) {
      boolean blocked = false;
      for (Parked p : e.getValue()) {
        if (p.failure().notBefore().isAfter(now)) {
          blocked = true;
          break;
        }
        if (due.size() < max) {
          due.add(p);
        }
      }
      (blocked ? waiting : drained).add(e.getKey());
    }
    // no more fetching for a partition whose oldest record must wait: memory stays bounded
    consumer.pause(waiting);
    drained.removeIf(tp -> !fetched.get(tp).isEmpty());
    consumer.resume(drained);
    return due;
  }

  private Parked decode(ConsumerRecord<byte[], byte[]> r) {
    try {
      return codec.decode(r);
    } catch (DataException e) {
      // not the guard's (someone wrote to the topic): skipped, and committed past with the next
      log.error("Skipping a record of {} that is not a parked record: {}", topic, e.toString());
      return null;
    }
  }

  @Override
  public void done(Parked parked) {
    TopicPartition tp = new TopicPartition(topic, parked.partition());
    Deque<Parked> queue = fetched.get(tp);
    if (queue == null || queue.isEmpty() || queue.peekFirst().offset() != parked.offset()) {
      return;
    }
    queue.removeFirst();
    try {
      consumer.commitSync(Map.of(tp, new OffsetAndMetadata(parked.offset() + 1)), TIMEOUT);
    } catch (KafkaException e) {
      // settled, but it will be read again after a restart: delivered at least once
      log.warn("Could not commit {} at {}: {}", tp, parked.offset() + 1, e.toString());
    }
  }

  @Override
  public void close() {
    consumer.close(TIMEOUT);
  }
}
