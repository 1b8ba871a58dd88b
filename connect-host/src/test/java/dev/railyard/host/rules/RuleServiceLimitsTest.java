package dev.railyard.host.rules;

import static dev.railyard.host.rules.RuleServiceRig.file;
import static dev.railyard.host.rules.RuleServiceRig.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.Outcome.Kind;
import dev.railyard.api.platform.answers.RuleDiffView;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RuleService} keeps to its {@link RuleLimits}, refusing a file before writing any of it.
 */
class RuleServiceLimitsTest {

  private RuleServiceRig rig;

  @BeforeEach
  void start() throws Exception {
    // two rules per bus, two targets per rule
    rig = new RuleServiceRig(new RuleLimits(2, 2, 1, 4, 100));
  }

  @AfterEach
  void stop() {
    rig.close();
  }

  private static Outcome.Refused<RuleDiffView> refused(Outcome<RuleDiffView> outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Refused.class);
    Outcome.Refused<RuleDiffView> refused = (Outcome.Refused<RuleDiffView>) outcome;
    assertThat(refused.kind()).isEqualTo(Kind.INVALID);
    return refused;
  }

  @Test
  void shouldRefuseARuleWithMoreTargetsThanAllowed() throws Exception {
    // when a rule with three targets is applied
    Outcome<RuleDiffView> outcome = rig.apply("shop.yaml", rule("paid", "shop", "order.paid", 3));

    // then it is refused naming the setting, and nothing is written
    assertThat((List<?>) refused(outcome).details().get("problems"))
        .singleElement()
        .asString()
        .contains("rule paid: 3 targets, at most 2")
        .contains("rules.max.targets");
    assertThat(rig.written()).isEmpty();
    assertThat(rig.connect.changes()).isEmpty();
  }

  @Test
  void shouldRefuseAFileThatWouldPutMoreRulesOnABusThanAllowed() throws Exception {
    // given two rules on bus shop, as many as it may hold
    rig.apply("shop.yaml", file(rule("paid", "shop"), rule("created", "shop")));
    int written = rig.written().size();
    rig.connect.requests.clear();

    // when another file adds a third to shop
    Outcome<RuleDiffView> outcome = rig.apply("more.yaml", rule("shipped", "shop"));

    // then it is refused naming the setting, and nothing is written
    assertThat(refused(outcome).message())
        .contains("bus shop: 3 rules once applied, at most 2")
        .contains("rules.max.per.bus");
    assertThat(rig.written()).hasSize(written);
    assertThat(rig.connect.changes()).isEmpty();
    assertThat(rig.service.busOf("shipped")).isEmpty();
  }

  @Test
  void shouldRefuseARuleOnANewBusBeyondTheBusBoundAndTakeOneOnABusThatExists() throws Exception {
    try (RuleServiceRig two = new RuleServiceRig(new RuleLimits(2, 2, 1, 4, 2))) {
      // given rules on two buses, as many as there may be
      two.apply("a.yaml", file(rule("paid", "shop"), rule("sent", "mail")));
      int written = two.written().size();

      // when a file adds a rule on a third bus, and another one on a bus that exists
      Outcome<RuleDiffView> third = two.apply("b.yaml", rule("billed", "billing"));
      Outcome<RuleDiffView> existing = two.apply("c.yaml", rule("created", "shop"));

      // then the third bus is refused naming the setting, and the existing one is taken
      assertThat(refused(third).message()).contains("at most 2", "bus.max");
      assertThat(two.service.busOf("billed")).isEmpty();
      assertThat(existing).isInstanceOf(Outcome.Ok.class);
      assertThat(two.written()).hasSize(written + 1);
    }
  }

  @Test
  void shouldCountOnlyTheRulesLeftWhenAPruneMakesRoom() throws Exception {
    // given two rules on bus shop
    rig.apply("shop.yaml", file(rule("paid", "shop"), rule("created", "shop")));

    // when a pruning file replaces one of them with a new one
    Outcome<RuleDiffView> outcome =
        rig.apply(
            "shop.yaml",
            file(rule("paid", "shop"), rule("shipped", "shop")),
            false,
            true,
            dev.railyard.api.platform.BusScope.ALL);

    // then the bus still holds two, so the file is applied
    assertThat(outcome).isInstanceOf(Outcome.Ok.class);
    assertThat(rig.service.count()).isEqualTo(2);
    assertThat(rig.service.busOf("shipped")).contains("shop");
  }
}
