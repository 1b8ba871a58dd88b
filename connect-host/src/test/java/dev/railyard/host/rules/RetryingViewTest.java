package dev.railyard.host.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.api.platform.Outcome;
import dev.railyard.rules.delivery.ParkedHeaders;
import dev.railyard.rules.model.RetryPolicy;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Target;
import dev.railyard.rules.model.Transform;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.MockAdminClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a target is still retrying, read from its retry topic in memory, past the guard's commit.
 */
class RetryingViewTest {

  private static final String TOPIC = "railyard.retry.orders.webhook";
  private static final TopicPartition TP = new TopicPartition(TOPIC, 0);

  private final MockAdminClient admin = MockAdminClient.create().numBrokers(1).build();
  private final MockConsumer<byte[], byte[]> consumer =
      new MockConsumer<>(OffsetResetStrategy.EARLIEST);
  private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();

  @AfterEach
  void close() {
    admin.close();
  }

  private static Rule rule(boolean inOrder) {
    return new Rule(
        "orders",
        "shop",
        true,
        "{}",
        new Transform.WholeEvent(),
        List.of(
            new Target(
                "webhook",
                new Target.Inline(Map.of("connector.class", "FileStreamSink")),
                new RetryPolicy(5, 600, 50, 800, inOrder),
                true)));
  }

  private void retryTopic(int count) {
    consumer.updatePartitions(
        TOPIC, List.of(new PartitionInfo(TOPIC, 0, Node.noNode(), null, null)));
    consumer.updateBeginningOffsets(Map.of(TP, 0L));
    consumer.updateEndOffsets(Map.of(TP, (long) count));
    consumer.schedulePollTask(() -> records.forEach(consumer::addRecord));
  }

  private void parked(long offset, String eventId, int attempts) {
    RecordHeaders headers = new RecordHeaders();
    headers.add("railyard.event.id", ("\"" + eventId + "\"").getBytes(StandardCharsets.UTF_8));
    headers.add(ParkedHeaders.ATTEMPTS, String.valueOf(attempts).getBytes(StandardCharsets.UTF_8));
    headers.add(
        ParkedHeaders.ERROR_MESSAGE, "503 Service Unavailable".getBytes(StandardCharsets.UTF_8));
    headers.add(ParkedHeaders.DUE, "2026-12-02T10:00:05Z".getBytes(StandardCharsets.UTF_8));
    records.add(record(offset, headers, "{\"id\":\"" + eventId + "\"}"));
  }

  private static ConsumerRecord<byte[], byte[]> record(
      long offset, RecordHeaders headers, String value) {
    return new ConsumerRecord<>(
        TOPIC,
        0,
        offset,
        0L,
        TimestampType.CREATE_TIME,
        0,
        0,
        null,
        value.getBytes(StandardCharsets.UTF_8),
        headers,
        Optional.empty());
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> retrying(Outcome outcome) {
    return (List<Map<String, Object>>) ((Map<String, Object>) outcome.body()).get("retrying");
  }

  @Test
  void shouldListTheParkedRecordsPastTheGuardsCommitLeavingOutOthers() throws Exception {
    // given four records: e0 settled (the guard committed past it), e1 and e2 parked, one without
    // the guard's headers
    parked(0, "e0", 1);
    parked(1, "e1", 2);
    parked(2, "e2", 3);
    records.add(record(3, new RecordHeaders(), "{\"id\":\"stray\"}"));
    retryTopic(4);
    admin.updateConsumerGroupOffsets(Map.of(TP, 1L));

    // when
    Outcome outcome =
        new RetryingView(new OneConsumer(consumer), admin).peek(rule(false), "webhook", 20);

    // then
    List<Map<String, Object>> retrying = retrying(outcome);
    assertThat(retrying).extracting(r -> r.get("eventId")).containsExactly("e1", "e2");
    assertThat(retrying.get(0))
        .containsEntry("offset", 1L)
        .containsEntry("attempts", 2)
        .containsEntry("errorMessage", "503 Service Unavailable")
        .containsEntry("due", "2026-12-02T10:00:05Z");
    assertThat(((Map<String, Object>) outcome.body())).containsEntry("topic", TOPIC);
  }

  @Test
  void shouldStopAtTheLimit() throws Exception {
    parked(0, "e0", 1);
    parked(1, "e1", 1);
    retryTopic(2);

    Outcome outcome =
        new RetryingView(new OneConsumer(consumer), admin).peek(rule(false), "webhook", 1);

    assertThat(retrying(outcome)).extracting(r -> r.get("eventId")).containsExactly("e0");
  }

  @Test
  void shouldAnswerNoTopicForATargetThatKeepsOrderAndHasNoRetryTopic() throws Exception {
    consumer.updatePartitions(TOPIC, List.of());

    Outcome outcome =
        new RetryingView(new OneConsumer(consumer), admin).peek(rule(true), "webhook", 20);

    assertThat(retrying(outcome)).isEmpty();
    assertThat(((Map<String, Object>) outcome.body())).containsEntry("topic", null);
  }
}
