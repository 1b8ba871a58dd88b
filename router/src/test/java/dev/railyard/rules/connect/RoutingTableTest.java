package dev.railyard.rules.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.rules.model.RetryPolicy;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Target;
import dev.railyard.rules.model.Transform;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingTableTest {

  private static byte[] event(String type) {
    return ("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"s\",\"type\":\"" + type + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static Target target(String name, boolean deadLetter) {
    return new Target(
        name, new Target.Inline(Map.of("connector.class", "X")), RetryPolicy.DEFAULT, deadLetter);
  }

  private static Rule rule(String name, String bus, boolean enabled, String type) {
    return new Rule(
        name,
        bus,
        enabled,
        "{\"type\":[\"" + type + "\"]}",
        new Transform.WholeEvent(),
        List.of(target("a", true), target("b", false)));
  }

  @Test
  void shouldMatchEveryRuleOfTheBusWhosePatternMatches() {
    RoutingTable table =
        RoutingTable.of(
            "shop",
            Map.of(
                "paid", rule("paid", "shop", true, "order.paid"),
                "also-paid", rule("also-paid", "shop", true, "order.paid"),
                "shipped", rule("shipped", "shop", true, "order.shipped")));

    assertThat(table.match(event("order.paid")))
        .extracting(RoutingTable.Route::rule)
        .containsExactlyInAnyOrder("paid", "also-paid");
    assertThat(table.match(event("order.lost"))).isEmpty();
    assertThat(table.size()).isEqualTo(3);
  }

  @Test
  void shouldLeaveOutDisabledRulesAndTheRulesOfOtherBuses() {
    RoutingTable table =
        RoutingTable.of(
            "shop",
            Map.of(
                "off", rule("off", "shop", false, "order.paid"),
                "elsewhere", rule("elsewhere", "billing", true, "order.paid")));

    assertThat(table.size()).isZero();
    assertThat(table.match(event("order.paid"))).isEmpty();
  }

  @Test
  void shouldRouteToEachTargetsDeliveryAndDeadLetterTopics() {
    RoutingTable table =
        RoutingTable.of("shop", Map.of("paid", rule("paid", "shop", true, "order.paid")));

    assertThat(table.match(event("order.paid")).get(0).destinations())
        .containsExactly(
            new RoutingTable.Destination("a", "railyard.to.paid.a", "railyard.dlq.paid.a", true),
            new RoutingTable.Destination("b", "railyard.to.paid.b", "railyard.dlq.paid.b", false));
  }

  @Test
  void shouldMatchNothingWhenEmpty() {
    assertThat(RoutingTable.EMPTY.match(event("order.paid"))).isEmpty();
    assertThat(RoutingTable.EMPTY.size()).isZero();
  }
}
