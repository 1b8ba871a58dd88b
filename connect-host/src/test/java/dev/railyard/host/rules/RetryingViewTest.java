package dev.railyard.host.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.answers.Retrying;
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

  private static List<Retrying.Parked> retrying(Outcome<Retrying> outcome) {
    return outcome.body().retrying();
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
    Outcome<Retrying> outcome = view().peek(rule(false), "webhook", 20);

    // then
    List<Retrying.Parked> retrying = retrying(outcome);
    assertThat(retrying).extracting(Retrying.Parked::eventId).containsExactly("e1", "e2");
    Retrying.Parked first = retrying.get(0);
    assertThat(first.offset()).isEqualTo(1);
    assertThat(first.attempts()).isEqualTo(2);
    assertThat(first.errorMessage()).isEqualTo("503 Service Unavailable");
    assertThat(first.due()).isEqualTo("2026-12-02T10:00:05Z");
    assertThat(outcome.body().topic()).isEqualTo(TOPIC);
  }

  @Test
  void shouldStopAtTheLimit() throws Exception {
    parked("e0", 1);
    parked("e1", 1);

    Outcome<Retrying> outcome = view().peek(rule(false), "webhook", 1);

    assertThat(retrying(outcome)).extracting(Retrying.Parked::eventId).containsExactly("e0");
  }

  @Test
  void shouldAnswerNoTopicForATargetThatKeepsOrderAndHasNoRetryTopic() throws Exception {
    Outcome<Retrying> outcome =
        new RetryingView(MemoryTopic.absent(TOPIC).clients(null), admin)
            .peek(rule(true), "webhook", 20);

    assertThat(retrying(outcome)).isEmpty();
    assertThat(outcome.body().topic()).isNull();
  }
}
