package dev.railyard.host.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.api.platform.BusScope;
import dev.railyard.api.platform.EventTail;
import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.answers.BusEvents;
import dev.railyard.host.kafka.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

/** The bounded, server-filtered tail of a bus, on Kafka's MockConsumer. */
class BusTailTest {

  private static final String TOPIC = "railyard.bus.orders";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

  /** A fresh consumer per call, as BusTail makes one per call; each reads the same records. */
  private final List<ConsumerRecord<byte[], byte[]>> records = new java.util.ArrayList<>();

  private final KafkaClients clients =
      new KafkaClients() {
        @Override
        public String bootstrapServers() {
          return "mock:9092";
        }

        @Override
        public Admin admin(String purpose) {
          throw new UnsupportedOperationException();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <K, V> Consumer<K, V> consumer(
            String purpose,
            String group,
            Deserializer<K> keys,
            Deserializer<V> values,
            Map<String, Object> extra) {
          MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
          Node node = new Node(0, "mock", 9092);
          consumer.updatePartitions(
              TOPIC,
              List.of(
                  new PartitionInfo(TOPIC, 0, node, new Node[0], new Node[0]),
                  new PartitionInfo(TOPIC, 1, node, new Node[0], new Node[0])));
          Map<TopicPartition, Long> ends = new HashMap<>(Map.of(P0, 0L, P1, 0L));
          records.forEach(
              r -> ends.merge(new TopicPartition(TOPIC, r.partition()), r.offset() + 1, Math::max));
          consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
          consumer.updateEndOffsets(ends);
          // records are handed out on the first poll after the seeks, from where each was sought
          consumer.schedulePollTask(
              () ->
                  records.forEach(
                      r -> {
                        TopicPartition tp = new TopicPartition(TOPIC, r.partition());
                        if (r.offset() >= consumer.position(tp)) {
                          consumer.addRecord(r);
                        }
                      }));
          return (Consumer<K, V>) consumer;
        }

        @Override
        public <K, V> Producer<K, V> reliableProducer(
            String purpose, Serializer<K> keys, Serializer<V> values, Map<String, Object> extra) {
          throw new UnsupportedOperationException();
        }
      };

  private final BusTail tail = new BusTail(clients, Runnable::run);

  @Test
  void shouldKeepOnlyTheNewestMatchingEventsWithACursorPastWhatWasRead() throws Exception {
    // given six events over two partitions, four of the wanted type
    put(0, 0, "paid", 1);
    put(0, 1, "refunded", 2);
    put(0, 2, "paid", 3);
    put(1, 0, "paid", 4);
    put(1, 1, "paid", 5);
    put(1, 2, "refunded", 6);

    // when the tail asks for two matching ones
    BusEvents answer = ok(request("{\"type\":[\"paid\"]}", 2, 500, null));

    // then the two newest matches come, oldest first, and the cursor points past the ends
    assertThat(answer.events()).extracting(e -> e.event().path("n").asInt()).containsExactly(4, 5);
    assertThat(answer.scanned()).isEqualTo(6);
    assertThat(answer.after()).isEqualTo("0:3,1:3");
  }

  @Test
  void shouldReadNoFurtherBackThanScanPerPartition() throws Exception {
    for (int i = 0; i < 10; i++) {
      put(0, i, "paid", i);
    }

    BusEvents answer = ok(request(null, 50, 3, null));

    assertThat(answer.events())
        .extracting(e -> e.event().path("n").asInt())
        .containsExactly(7, 8, 9);
  }

  @Test
  void shouldReadOnFromTheCursorOnly() throws Exception {
    put(0, 0, "paid", 1);
    put(0, 1, "paid", 2);
    put(1, 0, "paid", 3);

    BusEvents answer = ok(request(null, 50, 500, "0:1,1:1"));

    assertThat(answer.events()).extracting(e -> e.event().path("n").asInt()).containsExactly(2);
    assertThat(answer.after()).isEqualTo("0:2,1:1");
  }

  @Test
  void shouldRefuseABadPatternOrCursorNamingIt() throws Exception {
    Outcome<BusEvents> pattern = call(request("{\"type\": \"paid\"}", 5, 5, null));
    Outcome<BusEvents> cursor = call(request(null, 5, 5, "zero:one"));

    assertThat(pattern)
        .isInstanceOfSatisfying(
            Outcome.Refused.class, r -> assertThat(r.details()).containsEntry("field", "pattern"));
    assertThat(cursor)
        .isInstanceOfSatisfying(
            Outcome.Refused.class, r -> assertThat(r.message()).contains("after", "zero:one"));
  }

  @Test
  void shouldAnswerNotFoundForABusOutsideTheTokensScope() throws Exception {
    Outcome<BusEvents> outcome =
        tail.tail(new BusScope(Set.of("payments")), request(null, 5, 5, null))
            .toCompletableFuture()
            .get(5, TimeUnit.SECONDS);

    assertThat(outcome)
        .isInstanceOfSatisfying(
            Outcome.Refused.class, r -> assertThat(r.kind()).isEqualTo(Outcome.Kind.NOT_FOUND));
  }

  @Test
  void shouldMatchAndShowABinaryModeEventAsTheStructuredJsonItWouldHaveBeen() throws Exception {
    // given a binary-mode event (ce_* headers, its data as value) beside a structured one
    put(0, 0, "refunded", 1);
    org.apache.kafka.common.header.internals.RecordHeaders headers =
        new org.apache.kafka.common.header.internals.RecordHeaders();
    for (String[] h :
        new String[][] {
          {"ce_specversion", "1.0"},
          {"ce_id", "b"},
          {"ce_source", "/s"},
          {"ce_type", "paid"},
          {"content-type", "application/json"}
        }) {
      headers.add(h[0], h[1].getBytes(StandardCharsets.UTF_8));
    }
    records.add(
        new ConsumerRecord<>(
            TOPIC,
            1,
            0,
            2000L,
            org.apache.kafka.common.record.TimestampType.CREATE_TIME,
            0,
            0,
            null,
            "{\"amount\":5}".getBytes(StandardCharsets.UTF_8),
            headers,
            java.util.Optional.empty()));

    // when the tail asks for paid events
    BusEvents answer = ok(request("{\"type\":[\"paid\"]}", 5, 500, null));

    // then the binary one matched and shows its attributes and data
    assertThat(answer.events()).hasSize(1);
    assertThat(answer.events().get(0).event().path("id").asText()).isEqualTo("b");
    assertThat(answer.events().get(0).event().path("data").path("amount").asInt()).isEqualTo(5);
  }

  private void put(int partition, long offset, String type, int n) {
    String json = "{\"specversion\":\"1.0\",\"type\":\"" + type + "\",\"data\":{},\"n\":" + n + "}";
    records.add(
        new ConsumerRecord<>(
            TOPIC,
            partition,
            offset,
            1000L * n,
            org.apache.kafka.common.record.TimestampType.CREATE_TIME,
            0,
            0,
            null,
            json.getBytes(StandardCharsets.UTF_8),
            new org.apache.kafka.common.header.internals.RecordHeaders(),
            java.util.Optional.empty()));
  }

  private static EventTail.Request request(String pattern, int limit, int scan, String after) {
    return new EventTail.Request("orders", pattern, limit, scan, after);
  }

  private Outcome<BusEvents> call(EventTail.Request request) throws Exception {
    return tail.tail(BusScope.ALL, request).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private BusEvents ok(EventTail.Request request) throws Exception {
    Outcome<BusEvents> outcome = call(request);
    assertThat(outcome).isInstanceOf(Outcome.Ok.class);
    return ((Outcome.Ok<BusEvents>) outcome).body();
  }
}
