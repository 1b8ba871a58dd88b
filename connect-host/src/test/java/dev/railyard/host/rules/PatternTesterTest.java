package dev.railyard.host.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.Outcome.Kind;
import dev.railyard.api.platform.TestPatternRequest;
import dev.railyard.api.platform.answers.TestPatternResult;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Transform;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TestEventPattern on the platform: a pattern, or a rule in force with what its targets get. */
class PatternTesterTest {

  private static final Rule RULE =
      TestRules.paid(new Transform.InputPath(dev.railyard.rules.model.JsonPath.parse("$.data")));

  private final PatternTester tester = new PatternTester();

  @Test
  void shouldAnswerWhetherAnEventMatchesAPattern() throws Exception {
    Outcome<TestPatternResult> outcome =
        tester.test(
            new TestPatternRequest(
                "{\"type\": \"order.paid\"}", "{\"type\": [\"order.paid\"]}", null),
            Map.of());

    assertThat(outcome).isEqualTo(Outcome.ok(new TestPatternResult(true, null)));
  }

  @Test
  void shouldRefuseABadPatternAsInvalid() throws Exception {
    Outcome<TestPatternResult> outcome =
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
    Outcome<TestPatternResult> outcome =
        tester.test(new TestPatternRequest("{}", null, "nope"), Map.of());

    assertThat(outcome)
        .isEqualTo(
            Outcome.refused(Kind.NOT_FOUND, "NOT_FOUND", "rule 'nope' does not exist", null));
  }

  @Test
  void shouldSayWhatEachTargetOfAMatchingRuleWouldReceive() throws Exception {
    Outcome<TestPatternResult> outcome =
        tester.test(
            new TestPatternRequest(
                "{\"type\": \"order.paid\", \"data\": {\"id\": 7}}", null, "paid"),
            Map.of("paid", RULE));

    assertThat(outcome.body().matches()).isTrue();
    Map<String, JsonNode> targets = outcome.body().targets();
    assertThat(targets).containsOnlyKeys("out", "audit");
    assertThat(targets.get("out").path("id").asInt()).isEqualTo(7);
  }

  @Test
  void shouldAnswerNoTargetsWhenTheRuleDoesNotMatch() throws Exception {
    Outcome<TestPatternResult> outcome =
        tester.test(
            new TestPatternRequest("{\"type\": \"order.new\"}", null, "paid"),
            Map.of("paid", RULE));

    assertThat(outcome).isEqualTo(Outcome.ok(new TestPatternResult(false, null)));
  }
}
