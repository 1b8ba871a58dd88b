package dev.railyard.host.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.api.platform.answers.ReplayView;
import dev.railyard.rules.model.RetryPolicy;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Target;
import dev.railyard.rules.model.Transform;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** A replay read from a bus in memory and written to a producer in memory. */
class ReplayRunnerTest {

  private static final String BUS_TOPIC = "railyard.bus.shop";
  private static final TopicPartition TP = new TopicPartition(BUS_TOPIC, 0);
  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

  private final MemoryTopic bus = new MemoryTopic(BUS_TOPIC);
  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

  private static Rule rule() {
    Target target =
        new Target(
            "ledger",
            new Target.Inline(Map.of("connector.class", "FileStreamSink")),
            new RetryPolicy(3, 600, 50, 800, true),
            true);
    return new Rule(
        "paid",
        "shop",
        true,
        "{\"type\": [\"paid\"]}",
        new Transform.WholeEvent(),
        List.of(target));
  }

  @Test
  void shouldSendWhatTheRuleMatchesInTheWindowToTheTargetsWithTheReplayHeader() {
    // given six events a second apart: paid, refund, paid, paid, refund, paid
    String[] types = {"paid", "refund", "paid", "paid", "refund", "paid"};
    for (int i = 0; i < types.length; i++) {
      bus.add(
          T0.plusSeconds(i),
          null,
          "{\"id\":\"e" + i + "\",\"type\":\"" + types[i] + "\"}",
          Map.of());
    }

    // when the window [1 s, 4 s) is replayed
    Replay replay = new Replay("paid", List.of("ledger"), T0.plusSeconds(1), T0.plusSeconds(4));
    new ReplayRunner(bus.clients(null), producer).run(rule(), replay);

    // then the paid events at 2 s and 3 s went to the target's delivery topic, marked as replayed
    List<ProducerRecord<byte[], byte[]>> sent = producer.history();
    assertThat(sent).hasSize(2);
    assertThat(sent)
        .allSatisfy(
            r -> {
              assertThat(r.topic()).isEqualTo("railyard.to.paid.ledger");
              assertThat(header(r, "railyard.replay")).isEqualTo(replay.id);
              assertThat(header(r, "railyard.rule")).isEqualTo("paid");
              assertThat(header(r, "railyard.target")).isEqualTo("ledger");
            });
    assertThat(sent.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)))
        .allSatisfy(v -> assertThat(v).contains("\"type\":\"paid\""))
        .anySatisfy(v -> assertThat(v).contains("e2"))
        .anySatisfy(v -> assertThat(v).contains("e3"));
    ReplayView view = replay.view();
    assertThat(view.state()).isEqualTo("DONE");
    assertThat(view.scanned()).isEqualTo(3);
    assertThat(view.matched()).isEqualTo(2);
    assertThat(view.delivered()).isEqualTo(2);
    assertThat(view.finishedAt()).isNotNull();
  }

  @Test
  void shouldEndAtOnceWhenTheWindowHoldsNothing() {
    bus.add(T0, null, "{\"type\":\"paid\"}", Map.of());

    Replay replay = new Replay("paid", List.of("ledger"), T0.plusSeconds(60), T0.plusSeconds(120));
    new ReplayRunner(bus.clients(null), producer).run(rule(), replay);

    assertThat(producer.history()).isEmpty();
    assertThat(replay.view().state()).isEqualTo("DONE");
    assertThat(replay.view().scanned()).isZero();
  }

  @Test
  void shouldReplayBinaryModeEventsAsTheRouterRoutesThem() {
    // given a binary-mode paid event (ce_* headers, the data as value) and a structured one
    bus.add(
        T0,
        null,
        "{\"amount\":5}",
        Map.of(
            "ce_specversion", "1.0",
            "ce_id", "b1",
            "ce_source", "/s",
            "ce_type", "paid",
            "content-type", "application/json"));
    bus.add(T0.plusSeconds(1), null, "{\"id\":\"s1\",\"type\":\"paid\"}", Map.of());

    // when the window holding both is replayed
    Replay replay = new Replay("paid", List.of("ledger"), T0, T0.plusSeconds(2));
    new ReplayRunner(bus.clients(null), producer).run(rule(), replay);

    // then both matched; each goes on in its own mode, valid under the binding
    List<ProducerRecord<byte[], byte[]>> sent = producer.history();
    assertThat(sent).hasSize(2);
    assertThat(new String(sent.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{\"amount\":5}");
    assertThat(header(sent.get(0), "ce_id")).isEqualTo("b1");
    assertThat(header(sent.get(0), "content-type")).isEqualTo("application/json");
    assertThat(header(sent.get(1), "content-type")).isEqualTo("application/cloudevents+json");
    assertThat(header(sent.get(1), "railyard.replay")).isEqualTo(replay.id);
  }

  private static String header(ProducerRecord<byte[], byte[]> r, String key) {
    Header h = r.headers().lastHeader(key);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
