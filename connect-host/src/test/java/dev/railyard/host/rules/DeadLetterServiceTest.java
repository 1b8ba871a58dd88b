package dev.railyard.host.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.answers.DeadLetterCounts;
import dev.railyard.api.platform.answers.Redriven;
import dev.railyard.host.kafka.KafkaClients;
import dev.railyard.rules.model.RetryPolicy;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Target;
import dev.railyard.rules.model.Transform;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class DeadLetterServiceTest {

  private static final String LETTERS = "railyard.dlq.orders.webhook";
  private static final TopicPartition PARTITION = new TopicPartition(LETTERS, 0);

  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final MemoryTopic letters = new MemoryTopic(LETTERS);
  private final KafkaClients clients = letters.clients(producer);

  private static Rule rule() {
    return new Rule(
        "orders",
        "shop",
        true,
        "{}",
        new Transform.WholeEvent(),
        List.of(
            new Target(
                "webhook",
                new Target.Inline(Map.of("connector.class", "X")),
                RetryPolicy.DEFAULT,
                true)));
  }

  private void letter(String value, Map<String, String> headers) {
    letters.add(Instant.EPOCH, "k", value, headers);
  }

  private static String header(ProducerRecord<byte[], byte[]> r, String key) {
    Header h = r.headers().lastHeader(key);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  @Test
  void shouldRedriveADeliveryLetterAsItWasWithoutItsFailureHeaders() throws Exception {
    // given a delivery letter with its failure headers and a header of its own
    letter(
        "{\"orderId\":\"7\"}",
        Map.of(
            "railyard.rule", "orders",
            "railyard.target", "webhook",
            "railyard.error.stage", "delivery",
            "railyard.error.class", "java.io.IOException",
            "railyard.attempts", "3",
            "railyard.first.failure", "2026-01-01T00:00:00Z",
            "trace", "abc"));
    DeadLetterService service = new DeadLetterService(clients, producer);

    // when the target's letters are redriven
    Outcome<Redriven> outcome = service.redrive(rule(), "webhook");

    // then it went to the delivery topic as it was, marked as redriven, and is remembered
    assertThat(outcome.body()).isEqualTo(new Redriven("orders", "webhook", 1, 0));
    ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
    assertThat(sent.topic()).isEqualTo("railyard.to.orders.webhook");
    assertThat(new String(sent.value(), StandardCharsets.UTF_8)).isEqualTo("{\"orderId\":\"7\"}");
    assertThat(header(sent, "trace")).isEqualTo("abc");
    assertThat(header(sent, "railyard.redriven")).isEqualTo("true");
    assertThat(header(sent, "railyard.rule")).isEqualTo("orders");
    assertThat(header(sent, "railyard.error.class")).isNull();
    assertThat(header(sent, "railyard.attempts")).isNull();
    assertThat(header(sent, "railyard.first.failure")).isNull();
    assertThat(letters.committed).containsEntry(PARTITION, new OffsetAndMetadata(1));
    assertThat(letters.groups).contains("railyard.redrive.orders.webhook");
  }

  @Test
  void shouldTransformARouterLetterAgainWhenRedriven() throws Exception {
    // given a letter of the router: the bus event, which its transform failed on
    letter(
        "{\"id\":\"e1\",\"type\":\"t\"}",
        Map.of(
            "railyard.rule", "orders",
            "railyard.target", "webhook",
            "railyard.error.stage", "transform",
            "railyard.error.class", "X"));
    DeadLetterService service = new DeadLetterService(clients, producer);

    // when redriven, then the rule's transform (the whole event) makes the delivery record
    service.redrive(rule(), "webhook");
    assertThat(producer.history())
        .singleElement()
        .satisfies(
            r ->
                assertThat(new String(r.value(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"id\":\"e1\",\"type\":\"t\"}"));
  }

  @Test
  void shouldRedriveABinaryModeRouterLetterAsTheRouterWouldHaveRoutedIt() throws Exception {
    // given a router letter of a binary-mode event: its data as value, attributes in ce_* headers
    letter(
        "{\"amount\":5}",
        Map.of(
            "ce_specversion", "1.0",
            "ce_id", "e1",
            "ce_source", "/s",
            "ce_type", "t",
            "content-type", "application/json",
            "railyard.error.stage", "transform",
            "railyard.error.class", "X"));
    Rule selecting =
        new Rule(
            "orders",
            "shop",
            true,
            "{}",
            new Transform.InputPath(dev.railyard.rules.model.JsonPath.parse("$.data.amount")),
            rule().targets());

    // when redriven with a rule that selects the amount
    new DeadLetterService(clients, producer).redrive(selecting, "webhook");

    // then the transform read the event's data, and the record is that payload in binary mode
    ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
    assertThat(new String(sent.value(), StandardCharsets.UTF_8)).isEqualTo("5");
    assertThat(header(sent, "ce_id")).isEqualTo("e1");
    assertThat(header(sent, "ce_type")).isEqualTo("t");
    assertThat(header(sent, "content-type")).isEqualTo("application/json");
    assertThat(sent.headers().headers("content-type")).hasSize(1);
  }

  @Test
  void shouldCountTheLettersOfEachTarget() {
    letter("a", Map.of("railyard.error.class", "X"));
    letter("b", Map.of("railyard.error.class", "X"));
    DeadLetterService service = new DeadLetterService(clients, producer);

    DeadLetterCounts body = service.list(rule()).body();

    assertThat(body)
        .isEqualTo(
            new DeadLetterCounts(
                "orders", List.of(new DeadLetterCounts.Target("webhook", LETTERS, 2, 0, 2))));
  }
}
