package dev.railyard.host.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.railyard.api.platform.BusScope;
import dev.railyard.api.platform.EventTail;
import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.Outcome.Kind;
import dev.railyard.api.platform.answers.BusEvents;
import dev.railyard.host.kafka.KafkaClients;
import dev.railyard.rules.connect.KafkaBinding;
import dev.railyard.rules.model.Topology;
import dev.railyard.rules.pattern.Pattern;
import dev.railyard.rules.pattern.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.errors.DataException;

/**
 * {@link EventTail} over the bus topics: each call assigns a group-less consumer to every partition
 * of the bus's topic, reads from its start positions (the cursor, or {@code scan} records back from
 * the end) up to the end offsets it found when it began, and keeps only the newest {@code limit}
 * matches. At most {@value #CONCURRENT} calls read at once; a call reads for at most {@link
 * #BUDGET}. Thread-safe.
 */
public final class BusTail implements EventTail {

  static final int CONCURRENT = 4;
  static final Duration BUDGET = Duration.ofSeconds(3);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Comparator<ConsumerRecord<byte[], byte[]>> OLDEST_FIRST =
      Comparator.comparingLong((ConsumerRecord<byte[], byte[]> r) -> r.timestamp())
          .thenComparingInt(ConsumerRecord::partition)
          .thenComparingLong(ConsumerRecord::offset);

  private final KafkaClients clients;
  private final Executor executor;
  private final Semaphore readers = new Semaphore(CONCURRENT);

  /**
   * @param executor where the blocking reads run
   */
  public BusTail(KafkaClients clients, Executor executor) {
    this.clients = clients;
    this.executor = executor;
  }

  @Override
  public CompletionStage<Outcome<BusEvents>> tail(BusScope scope, Request request) {
    if (!scope.allows(request.bus())) {
      return done(noSuchBus(request.bus()));
    }
    Pattern pattern = null;
    if (request.patternJson() != null) {
      List<Problem> problems = Pattern.check(request.patternJson());
      if (!problems.isEmpty()) {
        return done(
            Outcome.refused(
                Kind.INVALID,
                "INVALID_PATTERN",
                "pattern: " + problems.get(0),
                Map.of(
                    "field",
                    "pattern",
                    "problems",
                    problems.stream().map(Problem::toString).toList())));
      }
      pattern = Pattern.compile(request.patternJson());
    }
    Map<Integer, Long> after;
    try {
      after = Cursor.parse(request.after());
    } catch (IllegalArgumentException e) {
      return done(
          Outcome.refused(
              Kind.INVALID, "INVALID_CURSOR", e.getMessage(), Map.of("field", "after")));
    }
    if (!readers.tryAcquire()) {
      return done(
          Outcome.refused(
              Kind.UNAVAILABLE,
              "TAIL_BUSY",
              CONCURRENT + " reads of buses are under way; ask again in a moment",
              Map.of()));
    }
    Pattern matcher = pattern;
    return CompletableFuture.supplyAsync(() -> read(request, matcher, after), executor)
        .whenComplete((answer, failure) -> readers.release());
  }

  private Outcome<BusEvents> read(Request request, Pattern pattern, Map<Integer, Long> after) {
    String topic = Topology.busTopic(request.bus());
    try (Consumer<byte[], byte[]> consumer =
        clients.consumer(
            "tail", null, new ByteArrayDeserializer(), new ByteArrayDeserializer(), Map.of())) {
      List<PartitionInfo> partitions = consumer.partitionsFor(topic, BUDGET);
      if (partitions == null || partitions.isEmpty()) {
        return noSuchBus(request.bus());
      }
      List<TopicPartition> assigned =
          partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(assigned);
      Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, BUDGET);
      Map<TopicPartition, Long> begins = consumer.beginningOffsets(assigned, BUDGET);
      Map<Integer, Long> reached = new TreeMap<>();
      for (TopicPartition tp : assigned) {
        long end = ends.get(tp);
        long start =
            after.containsKey(tp.partition()) ? after.get(tp.partition()) : end - request.scan();
        start = Math.max(begins.get(tp), Math.min(start, end));
        consumer.seek(tp, start);
        reached.put(tp.partition(), start);
      }
      // the newest by time, whatever order the partitions' records arrive in
      PriorityQueue<ConsumerRecord<byte[], byte[]>> kept = new PriorityQueue<>(OLDEST_FIRST);
      int scanned = 0;
      long deadline = System.nanoTime() + BUDGET.toNanos();
      while (behind(reached, ends, topic) && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          long end = ends.get(new TopicPartition(topic, r.partition()));
          if (r.offset() >= end) {
            continue;
          }
          reached.put(r.partition(), r.offset() + 1);
          scanned++;
          ConsumerRecord<byte[], byte[]> event = asStructured(r);
          if (event.value() != null && (pattern == null || pattern.matches(event.value()))) {
            kept.add(event);
            if (kept.size() > request.limit()) {
              kept.poll();
            }
          }
        }
      }
      return Outcome.ok(answer(request.bus(), topic, kept, scanned, reached));
    } catch (org.apache.kafka.common.KafkaException e) {
      return Outcome.refused(
          Kind.UNAVAILABLE,
          "EVENTS_UNAVAILABLE",
          "The topic of bus '" + request.bus() + "' could not be read: " + e.getMessage(),
          Map.of());
    }
  }

  /**
   * A binary-mode event as the structured JSON it would have been, as the router matches it; a
   * record the router cannot read either is shown as it is.
   */
  private static ConsumerRecord<byte[], byte[]> asStructured(ConsumerRecord<byte[], byte[]> r) {
    KafkaBinding.Binary binary;
    try {
      binary = KafkaBinding.readBinary(r.headers(), r.value());
    } catch (DataException e) {
      return r;
    }
    return binary == null
        ? r
        : new ConsumerRecord<>(
            r.topic(),
            r.partition(),
            r.offset(),
            r.timestamp(),
            r.timestampType(),
            r.serializedKeySize(),
            binary.json().length,
            r.key(),
            binary.json(),
            r.headers(),
            r.leaderEpoch());
  }

  private static boolean behind(
      Map<Integer, Long> reached, Map<TopicPartition, Long> ends, String topic) {
    return reached.entrySet().stream()
        .anyMatch(e -> e.getValue() < ends.get(new TopicPartition(topic, e.getKey())));
  }

  private static BusEvents answer(
      String bus,
      String topic,
      Collection<ConsumerRecord<byte[], byte[]>> kept,
      int scanned,
      Map<Integer, Long> reached) {
    List<ConsumerRecord<byte[], byte[]>> sorted = new ArrayList<>(kept);
    sorted.sort(OLDEST_FIRST);
    List<BusEvents.Event> events = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : sorted) {
      events.add(
          new BusEvents.Event(
              r.partition(),
              r.offset(),
              Instant.ofEpochMilli(r.timestamp()).toString(),
              readable(r.value())));
    }
    return new BusEvents(bus, topic, events, scanned, Cursor.format(reached));
  }

  private static JsonNode readable(byte[] value) {
    try {
      JsonNode json = JSON.readTree(value);
      return json == null ? TextNode.valueOf("") : json;
    } catch (IOException e) {
      return TextNode.valueOf(new String(value, StandardCharsets.UTF_8));
    }
  }

  private static <T> Outcome<T> noSuchBus(String bus) {
    return Outcome.refused(
        Kind.NOT_FOUND,
        "NOT_FOUND",
        "bus '"
            + bus
            + "' has no events yet (its topic "
            + Topology.busTopic(bus)
            + " does not exist)",
        Map.of("bus", bus));
  }

  private static CompletionStage<Outcome<BusEvents>> done(Outcome<BusEvents> outcome) {
    return CompletableFuture.completedFuture(outcome);
  }

  /** The cursor: where each partition was read to, as {@code partition:offset} pairs. */
  static final class Cursor {
    private Cursor() {}

    static Map<Integer, Long> parse(String cursor) {
      Map<Integer, Long> positions = new TreeMap<>();
      if (cursor == null) {
        return positions;
      }
      for (String pair : cursor.split(",")) {
        String[] parts = pair.split(":");
        try {
          if (parts.length != 2) {
            throw new NumberFormatException();
          }
          int partition = Integer.parseInt(parts[0].trim());
          long offset = Long.parseLong(parts[1].trim());
          if (partition < 0 || offset < 0) {
            throw new NumberFormatException();
          }
          positions.put(partition, offset);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "after: '"
                  + pair
                  + "' is not partition:offset; pass back the 'after' of an earlier answer");
        }
      }
      return positions;
    }

    static String format(Map<Integer, Long> positions) {
      StringBuilder s = new StringBuilder();
      positions.forEach(
          (p, o) -> s.append(s.length() == 0 ? "" : ",").append(p).append(':').append(o));
      return s.toString();
    }
  }
}
