package dev.railyard.host.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.api.platform.HealthProbe.ComponentHealth;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

class RuleHealthTest {

  private static final String TOPIC = "railyard.rules";

  @Test
  void shouldReportRulesDownWithTheReasonWhenTheFollowerStopped() {
    // (RuleLogTest shows a follower keeping why it stopped)
    ComponentHealth health =
        RuleHealth.of(
            TOPIC,
            Optional.of(new KafkaException("the broker went away")),
            Duration.ZERO,
            2,
            List.of());

    assertThat(health.name()).isEqualTo("rules");
    assertThat(health.up()).isFalse();
    assertThat(health.detail())
        .contains("stopped following railyard.rules", "rules are as last read (2)")
        .contains("the broker went away");
  }

  @Test
  void shouldReportAFollowingFollowerUp() {
    ComponentHealth health =
        RuleHealth.of(TOPIC, Optional.empty(), Duration.ofSeconds(1), 3, List.of());

    assertThat(health.up()).isTrue();
    assertThat(health.detail()).isEqualTo("following railyard.rules, 3 rule(s) in force");
    assertThat(health.warning()).isNull();
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
