package dev.railyard.host.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railyard.api.platform.ReplayRequest;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Transform;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The platform's half of a replay request: the targets, which only the rule in force knows. */
class ReplayRequestsTest {

  private static final Instant FROM = Instant.parse("2026-11-26T10:00:00Z");
  private static final Instant TO = Instant.parse("2026-11-26T11:00:00Z");

  private static final Rule RULE = TestRules.paid(new Transform.WholeEvent());

  @Test
  void shouldReplayToEveryTargetUnlessSomeAreChosen() {
    assertThat(ReplayRequests.of(RULE, new ReplayRequest(FROM, TO, null)).targets)
        .containsExactly("out", "audit");
    assertThat(ReplayRequests.of(RULE, new ReplayRequest(FROM, TO, List.of("audit"))).targets)
        .containsExactly("audit");
  }

  @Test
  void shouldRefuseAReplayToATargetTheRuleDoesNotHave() {
    assertThatThrownBy(() -> ReplayRequests.of(RULE, new ReplayRequest(FROM, TO, List.of("nope"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'targets' names nope, which rule paid does not have; its targets: out, audit");
  }
}
