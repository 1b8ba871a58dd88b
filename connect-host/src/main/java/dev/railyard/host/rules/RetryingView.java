package dev.railyard.host.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.answers.Retrying;
import dev.railyard.host.kafka.KafkaClients;
import dev.railyard.rules.delivery.ParkedHeaders;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Topology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a rule target is still retrying: the records of its retry topic from the offset the delivery
 * guard has committed in the retry group ({@link Topology#retryGroup}), or the partition's
 * beginning when it has none, to the end. The committed offsets are fetched with the Admin's {@code
 * listConsumerGroupOffsets}, and the records read by a consumer without a group id (partitions
 * assigned, then seek), so a look never joins the retry group and never commits: the guard is not
 * disturbed. Records without the guard's {@link ParkedHeaders} are left out, as the guard skips
 * them. Blocking; called from the rule recovery's worker thread. Thread-safe: each look has its own
 * consumer.
 */
final class RetryingView {

  private static final String EVENT_ID = Topology.EVENT_ID_HEADER;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final KafkaClients clients;
  private final Admin admin;

  /**
   * @param admin reads the retry group's committed offsets; not closed by this
   */
  RetryingView(KafkaClients clients, Admin admin) {
    this.clients = clients;
    this.admin = admin;
  }

  /**
   * The first {@code limit} records the target is retrying, partitions in ascending order, each
   * oldest first. A target without a retry topic answers an empty list, with topic null when its
   * policy keeps order.
   *
   * @param target a target of {@code rule}
   */
  Outcome<Retrying> peek(Rule rule, String target, int limit) throws Exception {
    String topic = Topology.retryTopic(rule.name(), target);
    List<Retrying.Parked> retrying = new ArrayList<>();
    List<TopicPartition> partitions;
    try (Consumer<byte[], byte[]> consumer = consumer(limit)) {
      partitions = partitions(consumer, topic);
      if (!partitions.isEmpty()) {
        Map<TopicPartition, Long> from = from(consumer, rule.name(), target, partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (TopicPartition tp : partitions) {
          if (retrying.size() >= limit) {
            break;
          }
          read(consumer, tp, from.get(tp), end.get(tp), limit, retrying, deadline);
        }
      }
    }
    boolean keepsOrder =
        rule.targets().stream().anyMatch(t -> t.name().equals(target) && t.retry().inOrder());
    return Outcome.ok(
        new Retrying(
            rule.name(), target, partitions.isEmpty() && keepsOrder ? null : topic, retrying));
  }

  /** The partitions of {@code topic} in ascending order, none when it does not exist. */
  private static List<TopicPartition> partitions(Consumer<byte[], byte[]> consumer, String topic) {
    List<TopicPartition> partitions = new ArrayList<>();
    consumer
        .partitionsFor(topic, TIMEOUT)
        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    partitions.sort(Comparator.comparingInt(TopicPartition::partition));
    return partitions;
  }

  /** Where each partition's records still retrying start. */
  private Map<TopicPartition, Long> from(
      Consumer<byte[], byte[]> consumer,
      String rule,
      String target,
      List<TopicPartition> partitions)
      throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        committed(Topology.retryGroup(rule, target), partitions);
    Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, TIMEOUT);
    Map<TopicPartition, Long> from = new HashMap<>();
    for (TopicPartition tp : partitions) {
      OffsetAndMetadata o = committed.get(tp);
      // records before the beginning are gone with retention: read from what is left
      from.put(tp, o == null ? begin.get(tp) : Math.max(o.offset(), begin.get(tp)));
    }
    return from;
  }

  private Map<TopicPartition, OffsetAndMetadata> committed(
      String group, List<TopicPartition> partitions) throws Exception {
    ListConsumerGroupOffsetsSpec spec =
        new ListConsumerGroupOffsetsSpec().topicPartitions(partitions);
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(Map.of(group, spec))
              .partitionsToOffsetAndMetadata(group)
              .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return offsets == null ? Map.of() : offsets;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return Map.of(); // the guard has not committed anything yet
      }
      throw e;
    }
  }

  // reads tp from `from` up to `end` (exclusive) into `into` until it holds `limit` records
  private static void read(
      Consumer<byte[], byte[]> consumer,
      TopicPartition tp,
      long from,
      long end,
      int limit,
      List<Retrying.Parked> into,
      long deadline)
      throws TimeoutException {
    if (from >= end) {
      return;
    }
    consumer.assign(List.of(tp));
    consumer.seek(tp, from);
    while (into.size() < limit && consumer.position(tp, TIMEOUT) < end) {
      if (System.nanoTime() - deadline > 0) {
        throw new TimeoutException(
            "the records of " + tp + " up to offset " + end + " were not read within " + TIMEOUT);
      }
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
        if (r.offset() >= end || into.size() >= limit) {
          return;
        }
        Retrying.Parked view = view(r);
        if (view != null) {
          into.add(view);
        }
      }
    }
  }

  /** A parked record as the API shows it, or null when it is not one the guard parked. */
  private static Retrying.Parked view(ConsumerRecord<byte[], byte[]> r) {
    Integer attempts = attempts(r);
    if (attempts == null) {
      return null;
    }
    return new Retrying.Parked(
        r.partition(),
        r.offset(),
        eventId(r),
        attempts,
        text(r, ParkedHeaders.FIRST),
        text(r, ParkedHeaders.LAST),
        text(r, ParkedHeaders.DUE),
        text(r, ParkedHeaders.ERROR_CLASS),
        text(r, ParkedHeaders.ERROR_MESSAGE),
        payload(r.value()));
  }

  private static Integer attempts(ConsumerRecord<byte[], byte[]> r) {
    String attempts = text(r, ParkedHeaders.ATTEMPTS);
    try {
      return attempts == null ? null : Integer.valueOf(attempts);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  // the record's own headers are in Connect's JSON envelope; the id is its payload as text
  private static String eventId(ConsumerRecord<byte[], byte[]> r) {
    Header h = r.headers().lastHeader(EVENT_ID);
    JsonNode id = h == null ? null : payload(h.value());
    if (id == null || id.isNull()) {
      return null;
    }
    return id.isTextual() ? id.asText() : id.toString();
  }

  /**
   * The payload of a JSON envelope ({@code {"schema": ..., "payload": ...}}), null for no bytes or
   * a null payload; bytes that are not JSON as a text node.
   */
  private static JsonNode payload(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    JsonNode node;
    try {
      node = JSON.readTree(bytes);
    } catch (IOException e) {
      return TextNode.valueOf(new String(bytes, StandardCharsets.UTF_8));
    }
    if (node != null && node.isObject() && node.has("schema") && node.has("payload")) {
      node = node.get("payload");
    }
    return node == null || node.isNull() || node.isMissingNode() ? null : node;
  }

  private static String text(ConsumerRecord<byte[], byte[]> r, String key) {
    Header h = r.headers().lastHeader(key);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private Consumer<byte[], byte[]> consumer(int limit) {
    return clients.consumer(
        "retrying-view",
        null,
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer(),
        Map.of(
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
            false,
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            Math.min(limit, 500)));
  }
}
