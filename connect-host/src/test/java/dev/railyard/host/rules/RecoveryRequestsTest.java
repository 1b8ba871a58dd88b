package dev.railyard.host.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.Outcome.Kind;
import dev.railyard.api.platform.ReplayRequest;
import dev.railyard.api.platform.TestPatternRequest;
import dev.railyard.rules.model.RetryPolicy;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Target;
import dev.railyard.rules.model.Transform;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The platform's half of the typed rule requests: what needs the rules in force. */
class RecoveryRequestsTest {

  private static final Instant FROM = Instant.parse("2026-11-26T10:00:00Z");
  private static final Instant TO = Instant.parse("2026-11-26T11:00:00Z");

  private static final Rule RULE =
      new Rule(
          "paid",
          "shop",
          true,
          "{\"type\": [\"order.paid\"]}",
          new Transform.WholeEvent(),
          List.of(
              new Target(
                  "out",
                  new Target.Inline(Map.of("connector.class", "LogSink")),
                  RetryPolicy.DEFAULT,
                  true),
              new Target(
                  "audit",
                  new Target.Inline(Map.of("connector.class", "LogSink")),
                  RetryPolicy.DEFAULT,
                  true)));

  private final PatternTester tester = new PatternTester();

  @Test
  void shouldAnswerWhetherAnEventMatchesAPattern() throws Exception {
    Outcome outcome =
        tester.test(
            new TestPatternRequest(
                "{\"type\": \"order.paid\"}", "{\"type\": [\"order.paid\"]}", null),
            Map.of());

    assertThat(outcome).isEqualTo(Outcome.ok(Map.of("matches", true)));
  }

  @Test
  void shouldRefuseABadPatternAsInvalid() throws Exception {
    Outcome outcome =
        tester.test(new TestPatternRequest("{}", "{\"type\": \"not-a-list\"}", null), Map.of());

    assertThat(outcome)
        .isInstanceOfSatisfying(
            Outcome.Refused.class,
            refused -> {
              assertThat(refused.kind()).isEqualTo(Kind.INVALID);
              assertThat(refused.code()).isEqualTo("INVALID_PATTERN");
            });
  }

  @Test
  void shouldRefuseAnUnknownRuleAsNotFound() throws Exception {
    Outcome outcome = tester.test(new TestPatternRequest("{}", null, "nope"), Map.of());

    assertThat(outcome)
        .isEqualTo(
            Outcome.refused(Kind.NOT_FOUND, "NOT_FOUND", "rule 'nope' does not exist", null));
  }

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
