package dev.railyard.host.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {

  @Test
  void shouldDoubleTheBackoffUpToTheMaximum() {
    RestartPolicy policy =
        RestartPolicy.of(
            Map.of(
                RestartPolicy.INITIAL_BACKOFF_CONFIG,
                "500",
                RestartPolicy.MAX_BACKOFF_CONFIG,
                "3000"));

    assertThat(policy.backoff(0)).isEqualTo(Duration.ofMillis(500));
    assertThat(policy.backoff(1)).isEqualTo(Duration.ofMillis(1000));
    assertThat(policy.backoff(2)).isEqualTo(Duration.ofMillis(2000));
    assertThat(policy.backoff(3)).isEqualTo(Duration.ofMillis(3000));
    assertThat(policy.backoff(60)).isEqualTo(Duration.ofMillis(3000));
  }

  @Test
  void shouldUseDefaultsForMissingOrUnparsableValues() {
    RestartPolicy policy = RestartPolicy.of(Map.of(RestartPolicy.INITIAL_BACKOFF_CONFIG, "soon"));

    assertThat(policy).isEqualTo(RestartPolicy.DEFAULT);
    assertThat(policy.enabled()).isTrue();
  }

  @Test
  void shouldBeDisabledOnlyByFalse() {
    assertThat(RestartPolicy.of(Map.of(RestartPolicy.ENABLED_CONFIG, "false")).enabled()).isFalse();
    assertThat(RestartPolicy.of(Map.of(RestartPolicy.ENABLED_CONFIG, "yes")).enabled()).isTrue();
  }

  @Test
  void shouldNeverLetTheMaximumFallBelowTheInitialBackoff() {
    RestartPolicy policy =
        RestartPolicy.of(
            Map.of(
                RestartPolicy.INITIAL_BACKOFF_CONFIG,
                "5000",
                RestartPolicy.MAX_BACKOFF_CONFIG,
                "10"));

    assertThat(policy.backoff(0)).isEqualTo(Duration.ofMillis(5000));
  }
}
