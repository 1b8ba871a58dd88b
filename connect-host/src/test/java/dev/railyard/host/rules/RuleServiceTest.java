package dev.railyard.host.rules;

import static dev.railyard.host.rules.RuleServiceRig.file;
import static dev.railyard.host.rules.RuleServiceRig.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railyard.api.platform.BusScope;
import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.Outcome.Kind;
import dev.railyard.api.platform.Page;
import dev.railyard.api.platform.Paging;
import dev.railyard.api.platform.RuleQuery;
import dev.railyard.api.platform.UnavailableException;
import dev.railyard.api.platform.answers.Deleted;
import dev.railyard.api.platform.answers.RuleDiffView;
import dev.railyard.api.platform.answers.RuleView;
import dev.railyard.rules.store.RuleRecords;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RuleService}'s apply, scope, delete and prune, behind its seams ({@link RuleServiceRig}).
 */
class RuleServiceTest {

  private RuleServiceRig rig;

  @BeforeEach
  void start() throws Exception {
    rig = new RuleServiceRig(RuleLimits.DEFAULTS);
  }

  @AfterEach
  void stop() {
    rig.close();
  }

  /** Each rule's action in an apply's answer, by name, in the answer's order. */
  static Map<String, String> actions(Outcome<RuleDiffView> outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Ok.class);
    Map<String, String> actions = new LinkedHashMap<>();
    outcome.body().rules().forEach(r -> actions.put(r.name(), r.action()));
    return actions;
  }

  private List<String> writtenKeys() {
    return rig.written().stream().map(ProducerRecord::key).toList();
  }

  @Test
  void shouldWriteOneRecordPerRuleAndCreateItsConnectorsWhenAFileIsApplied() throws Exception {
    // given a file of two rules on bus shop
    String yaml = file(rule("paid", "shop"), rule("created", "shop", "order.created", 2));

    // when it is applied
    Outcome<RuleDiffView> outcome = rig.apply("shop.yaml", yaml);

    // then each rule is one record keyed by its name, read back and in force
    assertThat(actions(outcome))
        .containsExactly(Map.entry("paid", "created"), Map.entry("created", "created"));
    assertThat(writtenKeys()).containsExactly("paid", "created");
    ProducerRecord<String, String> paid = rig.written().get(0);
    assertThat(RuleRecords.read(paid.key(), paid.value()).bus()).isEqualTo("shop");
    assertThat(rig.service.count()).isEqualTo(2);
    // and the bus has its router and each target its connector
    assertThat(rig.connect.connectors)
        .containsOnlyKeys(
            "railyard.router.shop",
            "railyard.to.paid.t1",
            "railyard.to.created.t1",
            "railyard.to.created.t2");
    assertThat(rig.admin.listTopics().names().get())
        .contains("railyard.bus.shop", "railyard.to.paid.t1", "railyard.dlq.created.t2");
  }

  @Test
  void shouldWriteNothingWhenTheSameFileIsAppliedAgain() throws Exception {
    // given a file that is in force
    String yaml = file(rule("paid", "shop"), rule("created", "shop", "order.created", 1));
    rig.apply("shop.yaml", yaml);
    int written = rig.written().size();
    rig.connect.requests.clear();

    // when it is applied again
    Outcome<RuleDiffView> outcome = rig.apply("shop.yaml", yaml);

    // then every rule is unchanged, and neither the topic nor Connect is written to
    assertThat(actions(outcome))
        .containsExactly(Map.entry("paid", "unchanged"), Map.entry("created", "unchanged"));
    assertThat(rig.written()).hasSize(written);
    assertThat(rig.connect.changes()).isEmpty();
  }

  @Test
  void shouldWriteOnlyTheRuleThatChanged() throws Exception {
    // given two rules in force
    rig.apply("shop.yaml", file(rule("paid", "shop"), rule("created", "shop")));
    int written = rig.written().size();

    // when a file changes one of them and adds another
    Outcome<RuleDiffView> outcome =
        rig.apply(
            "shop.yaml",
            file(
                rule("paid", "shop"),
                rule("created", "shop", "order.created", 1),
                rule("shipped", "shop", "order.shipped", 1)));

    // then the answer says so, and only those two are written
    assertThat(actions(outcome))
        .containsExactly(
            Map.entry("paid", "unchanged"),
            Map.entry("created", "updated"),
            Map.entry("shipped", "created"));
    assertThat(writtenKeys().subList(written, rig.written().size()))
        .containsExactly("created", "shipped");
    assertThat(rig.service.count()).isEqualTo(3);
  }

  @Test
  void shouldWriteNothingOnADryRun() throws Exception {
    // given a file of a new rule
    String yaml = rule("paid", "shop");

    // when it is applied as a dry run
    Outcome<RuleDiffView> outcome = rig.apply("shop.yaml", yaml, true, false, BusScope.ALL);

    // then the answer says what would change, and nothing did
    assertThat(outcome.body().dryRun()).isTrue();
    assertThat(actions(outcome)).containsExactly(Map.entry("paid", "created"));
    assertThat(rig.written()).isEmpty();
    assertThat(rig.connect.changes()).isEmpty();
    assertThat(rig.service.count()).isZero();
  }

  @Test
  void shouldRefuseAFileWithAYamlProblemWithItsPlaceAndWriteNothing() throws Exception {
    // given a file whose second rule misspells pattern, on line 15 column 3
    String yaml = file(rule("paid", "shop"), rule("created", "shop").replace("pattern", "patern"));

    // when it is applied
    Outcome<RuleDiffView> outcome = rig.apply("shop.yaml", yaml);

    // then it is refused whole, naming the place, and nothing reached the topic or Connect
    assertThat(outcome).isInstanceOf(Outcome.Refused.class);
    Outcome.Refused<RuleDiffView> refused = (Outcome.Refused<RuleDiffView>) outcome;
    assertThat(refused.kind()).isEqualTo(Kind.INVALID);
    assertThat(refused.code()).isEqualTo("INVALID_RULES");
    assertThat((List<?>) refused.details().get("problems"))
        .map(Object::toString)
        .contains("shop.yaml:13:1 [doc 2] spec: missing required key 'pattern'")
        .anySatisfy(
            p -> assertThat(p).startsWith("shop.yaml:15:3 [doc 2] spec.patern: unknown key"));
    assertThat(rig.written()).isEmpty();
    assertThat(rig.connect.requests).as("requests to Connect").isEmpty();
  }

  @Test
  void shouldRefuseARuleWhoseTargetConnectRefusesAndWriteNothing() throws Exception {
    // given Connect's validation finds a problem in the targets' configs
    rig.connect.validationErrors.put("file", "Missing required configuration");

    // when a rule is applied
    Outcome<RuleDiffView> outcome = rig.apply("shop.yaml", rule("paid", "shop"));

    // then it is refused with Connect's reason, and nothing is written
    assertThat(outcome).isInstanceOf(Outcome.Refused.class);
    assertThat(((Outcome.Refused<RuleDiffView>) outcome).message())
        .contains("rule paid, target t1: config 'file': Missing required configuration");
    assertThat(rig.written()).isEmpty();
    assertThat(rig.connect.changes()).isEmpty();
  }

  @Test
  void shouldNameTheFirstFiveProblemsInTheMessageAndEveryOneInTheDetails() throws Exception {
    // given Connect refuses every target's config
    rig.connect.validationErrors.put("file", "Missing required configuration");

    // when a file of twelve rules is applied
    String[] rules = new String[12];
    for (int i = 0; i < rules.length; i++) {
      rules[i] = rule("r" + i, "shop");
    }
    Outcome<RuleDiffView> outcome = rig.apply("shop.yaml", file(rules));

    // then the message names five and counts the rest, and the details list all twelve
    Outcome.Refused<RuleDiffView> refused = (Outcome.Refused<RuleDiffView>) outcome;
    assertThat(refused.message())
        .contains("rule r0, target t1")
        .contains("rule r4, target t1")
        .doesNotContain("rule r5, target t1")
        .endsWith("; and 7 more (details.problems lists them all)");
    assertThat((List<?>) refused.details().get("problems")).hasSize(12);
    assertThat(rig.written()).isEmpty();
  }

  @Test
  void shouldRefuseARuleOnABusOutsideTheScopeAndWriteNothing() throws Exception {
    // given a caller limited to bus billing
    BusScope billing = new BusScope(Set.of("billing"));

    // when it applies a file with a rule on billing and one on shop
    Outcome<RuleDiffView> outcome =
        rig.apply(
            "mixed.yaml",
            file(rule("invoice", "billing"), rule("paid", "shop")),
            false,
            false,
            billing);

    // then the whole file is forbidden, naming the rule outside
    assertThat(outcome).isInstanceOf(Outcome.Refused.class);
    Outcome.Refused<RuleDiffView> refused = (Outcome.Refused<RuleDiffView>) outcome;
    assertThat(refused.kind()).isEqualTo(Kind.FORBIDDEN);
    assertThat(refused.code()).isEqualTo("BUS_NOT_ALLOWED");
    assertThat(refused.message()).contains("paid (bus shop)").doesNotContain("invoice (bus");
    assertThat(rig.written()).isEmpty();
    assertThat(rig.connect.requests).as("requests to Connect").isEmpty();
  }

  @Test
  void shouldListOnlyTheRulesOfTheScopesBuses() throws Exception {
    // given rules on buses shop and billing
    rig.apply("all.yaml", file(rule("paid", "shop"), rule("invoice", "billing")));

    // when a caller limited to billing lists them
    Outcome<Page<RuleView>> listed =
        RuleServiceRig.await(rig.service.list(new BusScope(Set.of("billing")), RuleQuery.ALL));

    // then it sees billing's rule only, while every rule's bus is known
    assertThat(listed.body().items()).extracting(RuleView::name).containsExactly("invoice");
    assertThat(RuleServiceRig.await(rig.service.list(BusScope.ALL, RuleQuery.ALL)).body().total())
        .isEqualTo(2);
    assertThat(rig.service.busOf("paid")).contains("shop");
    assertThat(rig.service.busOf("invoice")).contains("billing");
    assertThat(rig.service.busOf("nothing")).isEmpty();
  }

  @Test
  void shouldAnswerOnePageOfTheMatchingRulesOfTheScopeWithTheirFigures() throws Exception {
    // given three rules on shop and one on billing
    rig.apply(
        "all.yaml",
        file(
            rule("paid", "shop"),
            rule("created", "shop"),
            rule("shipped", "shop"),
            rule("invoice", "billing")));

    // when a caller of shop and billing asks for shop's rules with an "ed", one a page
    BusScope scope = new BusScope(Set.of("shop", "billing"));
    Page<RuleView> first =
        RuleServiceRig.await(rig.service.list(scope, new RuleQuery("ED", "shop", new Paging(0, 1))))
            .body();
    Page<RuleView> second =
        RuleServiceRig.await(rig.service.list(scope, new RuleQuery("ED", "shop", new Paging(1, 1))))
            .body();

    // then the two of shop with an "ed" come one a page by name, each with its targets
    assertThat(first.total()).isEqualTo(2);
    assertThat(first.items()).extracting(RuleView::name).containsExactly("created");
    assertThat(second.items()).extracting(RuleView::name).containsExactly("shipped");
    assertThat(second.items().get(0).targets()).extracting(RuleView.Target::name).contains("t1");
  }

  @Test
  void shouldAnswerNotFoundWhenAnUnknownRuleIsDeleted() throws Exception {
    // when a rule that was never applied is deleted
    Outcome<Deleted> outcome = RuleServiceRig.await(rig.service.delete("nothing"));

    // then it is not found, and nothing is written
    assertThat(outcome).isInstanceOf(Outcome.Refused.class);
    assertThat(((Outcome.Refused<Deleted>) outcome).kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(rig.written()).isEmpty();
  }

  @Test
  void shouldWriteATombstoneAndRemoveTheConnectorsWhenARuleIsDeleted() throws Exception {
    // given two rules on bus shop
    rig.apply("shop.yaml", file(rule("paid", "shop"), rule("created", "shop")));

    // when one is deleted
    Outcome<Deleted> outcome = RuleServiceRig.await(rig.service.delete("paid"));

    // then a tombstone is its last record, it is gone, and so is its connector; the router stays
    assertThat(outcome).isEqualTo(Outcome.ok(Deleted.of("paid")));
    ProducerRecord<String, String> last = rig.written().get(rig.written().size() - 1);
    assertThat(last.key()).isEqualTo("paid");
    assertThat(last.value()).isNull();
    assertThat(rig.service.busOf("paid")).isEmpty();
    assertThat(rig.connect.connectors)
        .containsOnlyKeys("railyard.router.shop", "railyard.to.created.t1");
  }

  @Test
  void shouldTakeTheWholeApplyBackWhenConnectFailsPartWay() throws Exception {
    // given a rule in force, and a Connect that takes two more connector writes, then fails
    rig.apply("shop.yaml", rule("paid", "shop"));
    Map<String, Map<String, String>> connectorsBefore = Map.copyOf(rig.connect.connectors);
    rig.connect.configWritesBeforeFailure.set(2);

    // when a file changing it and adding two rules with three targets is applied
    String yaml =
        file(
            rule("paid", "shop", "order.refunded", 1),
            rule("created", "shop", "order.created", 2),
            rule("shipped", "shop", "order.shipped", 1));

    // then the apply fails as unavailable, saying nothing was applied
    assertThatThrownBy(() -> rig.apply("shop.yaml", yaml))
        .hasCauseInstanceOf(UnavailableException.class)
        .cause()
        .hasMessageContaining("nothing was applied");
    // and the rules in force are those before, the new rules' topics gone
    assertThat(rig.service.count()).isEqualTo(1);
    assertThat(RuleServiceRig.await(rig.service.get("paid")).body().document().toString())
        .contains("order.paid");
    assertThat(rig.admin.listTopics().names().get())
        .doesNotContain("railyard.to.created.t1", "railyard.to.shipped.t1");

    // and once Connect answers again, the connectors are those of the rules in force
    rig.connect.configWritesBeforeFailure.set(-1);
    rig.apply("shop.yaml", rule("paid", "shop"));
    assertThat(rig.connect.connectors).isEqualTo(connectorsBefore);
  }

  @Test
  void shouldCreateNoConnectorForANewTargetThatSleepsUntilItHasEvents() throws Exception {
    // given targets that sleep after five minutes without events
    rig.close();
    rig = new RuleServiceRig(RuleLimits.DEFAULTS, new TargetSleep(Duration.ofMinutes(5), () -> 0));

    // when a rule is applied
    Outcome<RuleDiffView> outcome = rig.apply("shop.yaml", rule("paid", "shop"));

    // then it is in force with its topics, its router runs, and its target has no connector yet
    assertThat(actions(outcome)).containsExactly(Map.entry("paid", "created"));
    assertThat(rig.admin.listTopics().names().get()).contains("railyard.to.paid.t1");
    assertThat(rig.connect.connectors).containsOnlyKeys("railyard.router.shop");
  }

  @Test
  void shouldPruneOnlyTheRulesOfTheFilesBuses() throws Exception {
    // given rules paid and created on shop, invoice on billing
    rig.apply(
        "all.yaml",
        file(rule("paid", "shop"), rule("created", "shop"), rule("invoice", "billing")));
    int written = rig.written().size();

    // when a file of shop holding only paid is applied with prune
    Outcome<RuleDiffView> outcome =
        rig.apply("shop.yaml", rule("paid", "shop"), false, true, BusScope.ALL);

    // then created is deleted with a tombstone, and billing's rule is left alone
    assertThat(actions(outcome))
        .containsExactly(Map.entry("paid", "unchanged"), Map.entry("created", "deleted"));
    assertThat(rig.written().subList(written, rig.written().size()))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.key()).isEqualTo("created");
              assertThat(r.value()).isNull();
            });
    assertThat(rig.service.busOf("created")).isEmpty();
    assertThat(rig.service.busOf("invoice")).contains("billing");
    assertThat(rig.connect.connectors).doesNotContainKey("railyard.to.created.t1");
    assertThat(rig.connect.connectors).containsKey("railyard.to.invoice.t1");
  }
}
