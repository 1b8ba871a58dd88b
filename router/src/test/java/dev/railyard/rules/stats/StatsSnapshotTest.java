package dev.railyard.rules.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsSnapshotTest {

  @Test
  void shouldSumRuleByRuleAndTargetByTarget() {
    // given two tasks' counts, overlapping in one rule and one target
    StatsSnapshot first =
        StatsRecords.read(
            "{\"rules\":{"
                + "\"paid\":{\"matched\":10,\"targets\":{\"billing\":{\"transformErrors\":1,\"failed\":2}}},"
                + "\"created\":{\"matched\":5}}}");
    StatsSnapshot second =
        StatsRecords.read(
            "{\"rules\":{"
                + "\"paid\":{\"matched\":7,\"targets\":{\"billing\":{\"failed\":3},\"audit\":{\"failed\":1}}}}}");

    // when
    StatsSnapshot sum = StatsSnapshot.sum(List.of(first, second));

    // then
    assertThat(sum.matched("paid")).isEqualTo(17);
    assertThat(sum.matched("created")).isEqualTo(5);
    assertThat(sum.transformErrors("paid", "billing")).isEqualTo(1);
    assertThat(sum.failed("paid", "billing")).isEqualTo(5);
    assertThat(sum.failed("paid", "audit")).isEqualTo(1);
    assertThat(sum).isEqualTo(second.plus(first));
  }

  @Test
  void shouldSumNothingToEmpty() {
    assertThat(StatsSnapshot.sum(List.of())).isEqualTo(StatsSnapshot.EMPTY);
    assertThat(StatsSnapshot.EMPTY.plus(StatsSnapshot.EMPTY).rules()).isEqualTo(Map.of());
  }

  @Test
  void shouldNotGoBackWhenATaskRestartsUnderANewKey() {
    // given a task's last counts, and the counts of the task that replaced it, which start at zero
    StatsSnapshot before = StatsRecords.read("{\"rules\":{\"paid\":{\"matched\":100}}}");
    StatsSnapshot restarted = StatsRecords.read("{\"rules\":{\"paid\":{\"matched\":1}}}");

    // then the sum over both keys only grows
    assertThat(StatsSnapshot.sum(List.of(before, restarted)).matched("paid"))
        .isGreaterThan(before.matched("paid"));
  }
}
