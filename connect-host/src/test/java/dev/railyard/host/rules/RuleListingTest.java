package dev.railyard.host.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.api.platform.BusScope;
import dev.railyard.api.platform.Page;
import dev.railyard.api.platform.Paging;
import dev.railyard.api.platform.RuleQuery;
import dev.railyard.rules.model.RetryPolicy;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Target;
import dev.railyard.rules.model.Transform;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The filters and the page of {@code GET /api/v1/rules}, on the rules in force. */
class RuleListingTest {

  private static final List<Rule> RULES =
      List.of(
          rule("refunds", "payments", "ledger"),
          rule("paid-orders", "orders", "billing-fn", "audit"),
          rule("shipped", "orders", "warehouse"),
          rule("invoices", "billing", "archive"));

  private static List<String> names(BusScope scope, RuleQuery query) {
    return RuleListing.select(RULES, scope, query).items().stream().map(Rule::name).toList();
  }

  @Test
  void shouldAnswerEveryRuleOfTheScopeByName() {
    assertThat(names(BusScope.ALL, RuleQuery.ALL))
        .containsExactly("invoices", "paid-orders", "refunds", "shipped");
    assertThat(names(new BusScope(Set.of("orders")), RuleQuery.ALL))
        .containsExactly("paid-orders", "shipped");
  }

  @Test
  void shouldFindTheTextInTheRuleTheBusOrATargetIgnoringCase() {
    assertThat(names(BusScope.ALL, new RuleQuery("SHIP", null, Paging.ALL)))
        .containsExactly("shipped");
    assertThat(names(BusScope.ALL, new RuleQuery("billing", null, Paging.ALL)))
        .as("bus billing, and target billing-fn")
        .containsExactly("invoices", "paid-orders");
  }

  @Test
  void shouldKeepTheRulesOfTheBusAskedForWithinTheScope() {
    assertThat(names(BusScope.ALL, new RuleQuery(null, "orders", Paging.ALL)))
        .containsExactly("paid-orders", "shipped");
    assertThat(names(new BusScope(Set.of("billing")), new RuleQuery(null, "orders", Paging.ALL)))
        .as("a bus outside the scope is filtered, not revealed")
        .isEmpty();
  }

  @Test
  void shouldAnswerThePageWithTheCountOfAllThatMatched() {
    Page<Rule> page =
        RuleListing.select(RULES, BusScope.ALL, new RuleQuery(null, null, new Paging(1, 2)));

    assertThat(page.total()).isEqualTo(4);
    assertThat(page.items()).extracting(Rule::name).containsExactly("paid-orders", "refunds");
  }

  private static Rule rule(String name, String bus, String... targets) {
    return new Rule(
        name,
        bus,
        true,
        "{}",
        new Transform.WholeEvent(),
        java.util.Arrays.stream(targets)
            .map(
                t ->
                    new Target(
                        t,
                        new Target.Inline(Map.of("connector.class", "LogSink")),
                        RetryPolicy.DEFAULT,
                        true))
            .toList());
  }
}
