package dev.railyard.host.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.api.platform.BusScope;
import dev.railyard.api.platform.Outcome;
import dev.railyard.rules.model.RetryPolicy;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Target;
import dev.railyard.rules.model.Transform;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleViewsTest {

  private static Rule rule(Map<String, String> config) {
    return new Rule(
        "orders",
        "shop",
        true,
        "{}",
        new Transform.WholeEvent(),
        List.of(new Target("db", new Target.Inline(config), RetryPolicy.DEFAULT, true)));
  }

  @Test
  void shouldRefuseARuleOnANewBusBeyondTheBusBound() {
    Rule paid = TestRules.paid(new dev.railyard.rules.model.Transform.WholeEvent());
    RuleLimits twoBuses = new RuleLimits(300, 5, 4, 16, 2);

    assertThat(RuleViews.overBusLimit(Set.of("default", "shop"), Map.of("paid", paid), twoBuses))
        .isEmpty();
    assertThat(RuleViews.overBusLimit(Set.of("default", "orders"), Map.of("paid", paid), twoBuses))
        .singleElement()
        .asString()
        .contains("3 buses", "at most 2", "bus.max");
  }

  @Test
  void shouldNameEveryLimitAFileWouldBreak() {
    Rule paid = TestRules.paid(new dev.railyard.rules.model.Transform.WholeEvent());
    RuleLimits oneTarget = new RuleLimits(300, 1, 4, 16, 100);
    RuleLimits noRoom = new RuleLimits(1, 5, 4, 16, 100);
    Rule other =
        new Rule(
            "other", paid.bus(), paid.enabled(), paid.pattern(), paid.transform(), paid.targets());

    assertThat(RuleViews.overLimits(Map.of("paid", paid), List.of(paid), RuleLimits.DEFAULTS))
        .isEmpty();
    assertThat(RuleViews.overLimits(Map.of("paid", paid), List.of(paid), oneTarget))
        .singleElement()
        .asString()
        .contains("rule paid: 2 targets, at most 1", "rules.max.targets");
    assertThat(RuleViews.overLimits(Map.of("paid", paid, "other", other), List.of(other), noRoom))
        .singleElement()
        .asString()
        .contains("bus shop: 2 rules once applied, at most 1", "rules.max.per.bus");
  }

  @Test
  void shouldRefuseAFileWithARuleOutsideTheTokensBusesAndNameIt() {
    Rule paid = TestRules.paid(new dev.railyard.rules.model.Transform.WholeEvent());

    assertThat(RuleViews.outOfScope("f.yaml", List.of(paid), BusScope.ALL)).isNull();
    assertThat(RuleViews.outOfScope("f.yaml", List.of(paid), new BusScope(Set.of("shop"))))
        .isNull();
    Outcome<?> refused =
        RuleViews.outOfScope("f.yaml", List.of(paid), new BusScope(Set.of("orders")));
    assertThat(refused)
        .isInstanceOfSatisfying(
            Outcome.Refused.class,
            r -> {
              assertThat(r.kind()).isEqualTo(Outcome.Kind.FORBIDDEN);
              assertThat(r.message()).contains("paid (bus shop)").contains("nothing was applied");
            });
  }

  @Test
  void shouldMaskTheSecretsOfInlineTargetConfigsButNotReferencesOrPlainKeys() {
    // given a rule whose inline target holds a password, a token and a provider reference
    Rule rule =
        rule(
            Map.of(
                "connector.class",
                "JdbcSink",
                "connection.password",
                "hunter2",
                "http.authorization",
                "Bearer s3cret",
                "api.token",
                "${env:TOKEN}",
                "table",
                "orders"));

    // when it is shown
    JsonNode config = RuleViews.document(rule).path("spec").path("targets").get(0).path("config");

    // then the secrets are masked, the rest is as written
    assertThat(config.path("connection.password").asText()).isEqualTo("********");
    assertThat(config.path("http.authorization").asText()).isEqualTo("********");
    assertThat(config.path("api.token").asText()).isEqualTo("${env:TOKEN}");
    assertThat(config.path("table").asText()).isEqualTo("orders");
  }

  @Test
  void shouldCallAMaskWrittenBackAProblemNamingRuleTargetAndKey() {
    Rule rule = rule(Map.of("connector.class", "JdbcSink", "connection.password", "********"));

    assertThat(RuleViews.maskedSecrets(List.of(rule)))
        .singleElement()
        .asString()
        .startsWith("rule orders, target db: config 'connection.password' holds the mask");
  }
}
