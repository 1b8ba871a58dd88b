package dev.railyard.host.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.api.platform.Outcome;
import dev.railyard.rules.delivery.ParkedHeaders;
import dev.railyard.rules.model.RetryPolicy;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Target;
import dev.railyard.rules.model.Transform;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.MockAdminClient;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a target is still retrying, read from its retry topic in memory, past the guard's commit.
 */
class RetryingViewTest {

  private static final String TOPIC = "railyard.retry.orders.webhook";
  private static final TopicPartition TP = new TopicPartition(TOPIC, 0);

  private final MockAdminClient admin = MockAdminClient.create().numBrokers(1).build();
  private final MemoryTopic retries = new MemoryTopic(TOPIC);

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

  private void parked(String eventId, int attempts) {
    retries.add(
        Instant.EPOCH,
        null,
        "{\"id\":\"" + eventId + "\"}",
        Map.of(
            "railyard.event.id",
            "\"" + eventId + "\"",
            ParkedHeaders.ATTEMPTS,
            String.valueOf(attempts),
            ParkedHeaders.ERROR_MESSAGE,
            "503 Service Unavailable",
            ParkedHeaders.DUE,
            "2026-12-02T10:00:05Z"));
  }

  private RetryingView view() {
    return new RetryingView(retries.clients(null), admin);
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> retrying(Outcome outcome) {
    return (List<Map<String, Object>>) ((Map<String, Object>) outcome.body()).get("retrying");
  }

  @Test
  void shouldListTheParkedRecordsPastTheGuardsCommitLeavingOutOthers() throws Exception {
    // given four records: e0 settled (the guard committed past it), e1 and e2 parked, one without
    // the guard's headers
    parked("e0", 1);
    parked("e1", 2);
    parked("e2", 3);
    retries.add(Instant.EPOCH, null, "{\"id\":\"stray\"}", Map.of());
    admin.updateConsumerGroupOffsets(Map.of(TP, 1L));

    // when
    Outcome outcome = view().peek(rule(false), "webhook", 20);

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
    parked("e0", 1);
    parked("e1", 1);

    Outcome outcome = view().peek(rule(false), "webhook", 1);

    assertThat(retrying(outcome)).extracting(r -> r.get("eventId")).containsExactly("e0");
  }

  @Test
  void shouldAnswerNoTopicForATargetThatKeepsOrderAndHasNoRetryTopic() throws Exception {
    Outcome outcome =
        new RetryingView(MemoryTopic.absent(TOPIC).clients(null), admin)
            .peek(rule(true), "webhook", 20);

    assertThat(retrying(outcome)).isEmpty();
    assertThat(((Map<String, Object>) outcome.body())).containsEntry("topic", null);
  }
}
