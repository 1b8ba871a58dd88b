package dev.railyard.host.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.api.platform.answers.RuleView;
import org.junit.jupiter.api.Test;

class TargetStatsTest {

  private static final String RETRY = "railyard.retry.orders.db";

  @Test
  void shouldNotCountParkedRecordsAsDeliveredSoThatTheyShowInTheLag() {
    // given 100 routed, 90 committed by the sink, 5 of them parked in the retry topic
    TargetStats.Figures figures = TargetStats.Figures.ofOffsets(100, 90, 5, 2);

    // then
    assertThat(figures.delivered()).isEqualTo(85);
    assertThat(figures.retrying()).isEqualTo(5);
    assertThat(figures.lag()).isEqualTo(15);
    assertThat(figures.view()).isEqualTo(new RuleView.Stats(0, 100, 85, 15, 5, 2, 0, 0));
  }

  @Test
  void shouldNeverShowDeliveredBelowZero() {
    // the retry topic's end offset may be read after the sink group's commit
    assertThat(TargetStats.Figures.ofOffsets(10, 3, 5, 0).delivered()).isZero();
  }
}
