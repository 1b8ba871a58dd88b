package dev.railyard.host.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.railyard.api.platform.HealthProbe.ComponentHealth;
import dev.railyard.rules.store.RuleLog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class RuleHealthTest {

  private static final String TOPIC = "railyard.rules";

  @Test
  void shouldReportRulesDownWithTheReasonWhenTheFollowerThrows() {
    // given the control plane's follower, caught up
    MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
    TopicPartition partition = new TopicPartition(TOPIC, 0);
    consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null)));
    consumer.updateBeginningOffsets(Map.of(partition, 0L));
    consumer.updateEndOffsets(Map.of(partition, 0L));
    try (RuleLog log = new RuleLog(consumer, TOPIC, rules -> {})) {
      log.start(Duration.ofSeconds(10));
      assertThat(RuleHealth.of(TOPIC, log, List.of()).up()).isTrue();

      // when its consumer throws
      consumer.setPollException(new KafkaException("the broker went away"));

      // then /health's rules component is down and says why
      await("the rules component to go down")
          .atMost(Duration.ofSeconds(10))
          .until(() -> !RuleHealth.of(TOPIC, log, List.of()).up());
      ComponentHealth health = RuleHealth.of(TOPIC, log, List.of());
      assertThat(health.name()).isEqualTo("rules");
      assertThat(health.detail())
          .contains("stopped following railyard.rules", "the broker went away");
    }
  }

  @Test
  void shouldReportAFollowerThatHasNotPolledForLongAsStuck() {
    ComponentHealth health =
        RuleHealth.of(TOPIC, Optional.empty(), Duration.ofSeconds(45), 3, List.of());

    assertThat(health.up()).isFalse();
    assertThat(health.detail()).contains("has not polled for 45 s");
  }

  @Test
  void shouldStayUpWithAWarningWhenOnlyTheFiguresFail() {
    ComponentHealth health =
        RuleHealth.of(
            TOPIC,
            Optional.empty(),
            Duration.ofMillis(200),
            2,
            List.of(
                Optional.of("Reading the target figures has failed 4 time(s)"), Optional.empty()));

    assertThat(health.up()).isTrue();
    assertThat(health.detail()).isEqualTo("following railyard.rules, 2 rule(s) in force");
    assertThat(health.warning()).isEqualTo("Reading the target figures has failed 4 time(s)");
  }

  @Test
  void shouldCarryNoWarningWhileTheFiguresAreRead() {
    ComponentHealth health =
        RuleHealth.of(TOPIC, Optional.empty(), Duration.ZERO, 0, List.of(Optional.empty()));

    assertThat(health.up()).isTrue();
    assertThat(health.warning()).isNull();
  }
}
