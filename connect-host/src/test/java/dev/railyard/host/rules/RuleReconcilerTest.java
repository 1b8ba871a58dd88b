package dev.railyard.host.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.host.testing.FakeConnect;
import dev.railyard.rules.delivery.GuardedSinkConfig;
import dev.railyard.rules.kafka.PluginClients;
import dev.railyard.rules.model.RetryPolicy;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Target;
import dev.railyard.rules.model.Transform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.MockAdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RuleReconcilerTest {

  private final MockAdminClient admin = MockAdminClient.create().numBrokers(1).build();
  private FakeConnect connect;
  private RuleReconciler reconciler;

  @BeforeEach
  void start() throws Exception {
    connect = new FakeConnect();
    reconciler =
        new RuleReconciler(
            admin, connect.rest(), PluginClients.connectorConfig("broker:9092", Set.of()), 3);
  }

  @AfterEach
  void stop() {
    connect.close();
    admin.close();
  }

  private static Target target(String name, boolean inOrder) {
    return new Target(
        name,
        new Target.Inline(Map.of("connector.class", "FileStreamSink", "file", "/tmp/out")),
        new RetryPolicy(3, 600, 50, 800, inOrder),
        true);
  }

  private static Rule rule(String name, Target... targets) {
    return new Rule(name, "shop", true, "{}", new Transform.WholeEvent(), List.of(targets));
  }

  @Test
  void shouldCreateTheBusDeliveryDeadLetterAndRetryTopicsTheRulesNeed() throws Exception {
    // given a rule with a target that parks failures and one that keeps order
    Rule rule = rule("orders", target("webhook", false), target("ledger", true));

    // when the topics are ensured
    reconciler.ensureTopics(List.of(rule));

    // then each exists, only the parking target has a retry topic, the delivery topics have the
    // configured partitions and the dead-letter topics one
    assertThat(admin.listTopics().names().get())
        .containsExactlyInAnyOrder(
            "railyard.bus.shop",
            "railyard.dlq.bus.shop",
            "railyard.to.orders.webhook",
            "railyard.dlq.orders.webhook",
            "railyard.retry.orders.webhook",
            "railyard.to.orders.ledger",
            "railyard.dlq.orders.ledger");
    assertThat(
            admin
                .describeTopics(List.of("railyard.to.orders.webhook"))
                .allTopicNames()
                .get()
                .get("railyard.to.orders.webhook")
                .partitions())
        .hasSize(3);
    assertThat(
            admin
                .describeTopics(List.of("railyard.dlq.orders.webhook", "railyard.dlq.bus.shop"))
                .allTopicNames()
                .get()
                .values())
        .allSatisfy(d -> assertThat(d.partitions()).hasSize(1));
  }

  @Test
  void shouldLeaveTopicsThatExistAlone() throws Exception {
    // given the bus topic exists already, with one partition
    admin.createTopics(List.of(new NewTopic("railyard.bus.shop", 1, (short) 1))).all().get();

    // when the topics of a rule on that bus are ensured, twice
    reconciler.ensureTopics(List.of(rule("orders", target("webhook", true))));
    reconciler.ensureTopics(List.of(rule("orders", target("webhook", true))));

    // then the bus topic is as it was and the others were made
    assertThat(
            admin
                .describeTopics(List.of("railyard.bus.shop"))
                .allTopicNames()
                .get()
                .get("railyard.bus.shop")
                .partitions())
        .hasSize(1);
    assertThat(admin.listTopics().names().get()).contains("railyard.to.orders.webhook");
  }

  @Test
  void shouldCreateTheRouterOfTheBusAndTheGuardedConnectorOfEachTarget() {
    // given a new rule
    Rule rule = rule("orders", target("webhook", true));

    // when the connectors are brought in line
    reconciler.connectors(Map.of("orders", rule), Map.of(), name -> true);

    // then the bus has its router and the target its connector inside the delivery guard
    assertThat(connect.connectors.get("railyard.router.shop"))
        .containsEntry("topics", "railyard.bus.shop")
        .containsEntry("tasks.max", "3")
        .containsEntry("railyard.bootstrap.servers", "broker:9092");
    assertThat(connect.connectors.get("railyard.to.orders.webhook"))
        .containsEntry("topics", "railyard.to.orders.webhook")
        .containsEntry(GuardedSinkConfig.DELEGATE_CLASS_CONFIG, "FileStreamSink");
  }

  @Test
  void shouldLeaveAConnectorWhoseConfigIsAlreadyRightAlone() {
    // given the connectors of a rule exist
    Map<String, Rule> rules = Map.of("orders", rule("orders", target("webhook", true)));
    reconciler.connectors(rules, Map.of(), name -> true);
    connect.requests.clear();

    // when they are brought in line again with the same rules
    reconciler.connectors(rules, Map.of(), name -> true);

    // then nothing is written, so their tasks keep running
    assertThat(connect.changes()).isEmpty();
  }

  @Test
  void shouldKeepTheTasksTheAutoscalerGaveWhenRulesAreAppliedAgain() {
    // given the autoscaler gave the router one task and the target three
    Map<String, Integer> scaled =
        Map.of("railyard.router.shop", 1, "railyard.to.orders.webhook", 3);
    RuleReconciler scaledReconciler =
        new RuleReconciler(
            admin,
            connect.rest(),
            PluginClients.connectorConfig("broker:9092", Set.of()),
            3,
            name ->
                scaled.containsKey(name)
                    ? java.util.OptionalInt.of(scaled.get(name))
                    : java.util.OptionalInt.empty(),
            dev.railyard.host.connectors.ConfigGuard.unrestricted());
    Map<String, Rule> rules = Map.of("orders", rule("orders", target("webhook", true)));

    // when the rules are brought in line
    scaledReconciler.connectors(rules, Map.of(), name -> true);

    // then the connectors have the scaled counts, not the rule's
    assertThat(connect.connectors.get("railyard.router.shop")).containsEntry("tasks.max", "1");
    assertThat(connect.connectors.get("railyard.to.orders.webhook"))
        .containsEntry("tasks.max", "3");
    connect.requests.clear();
    scaledReconciler.connectors(rules, Map.of(), name -> true);
    assertThat(connect.changes()).isEmpty();
  }

  @Test
  void shouldRemoveTheRouterAndConnectorsOfARemovedRule() {
    // given the connectors of a rule exist
    Map<String, Rule> rules = Map.of("orders", rule("orders", target("webhook", true)));
    reconciler.connectors(rules, Map.of(), name -> true);

    // when the rule goes
    reconciler.connectors(Map.of(), Map.of(), name -> true);

    // then its target's connector goes, and so does the router of the bus it was alone on
    assertThat(connect.connectors).isEmpty();
    assertThat(connect.changes())
        .contains("DELETE /connectors/railyard.router.shop")
        .contains("DELETE /connectors/railyard.to.orders.webhook");
  }

  @Test
  void shouldGiveASleepingTargetNoConnectorAndRemoveItsConnectorWhenItFallsAsleep() {
    // given a rule with two targets, both awake
    Map<String, Rule> rules =
        Map.of("orders", rule("orders", target("webhook", true), target("ledger", true)));
    reconciler.connectors(rules, Map.of(), name -> true);

    // when the webhook falls asleep
    RuleReconciler.Changed changed =
        reconciler.connectors(rules, Map.of(), name -> !name.endsWith(".webhook"));

    // then its connector goes, and the router and the other target stay as they are
    assertThat(changed.removed()).containsExactly("railyard.to.orders.webhook");
    assertThat(changed.written()).isEmpty();
    assertThat(connect.connectors)
        .containsOnlyKeys("railyard.router.shop", "railyard.to.orders.ledger");

    // and when it wakes, it comes back with the same config
    changed = reconciler.connectors(rules, Map.of(), name -> true);
    assertThat(changed.written()).containsExactly("railyard.to.orders.webhook");
  }

  @Test
  void shouldRestartTheTasksOfATargetWhoseConfigChanged() {
    // given a target's connector exists
    reconciler.connectors(
        Map.of("orders", rule("orders", target("webhook", true))), Map.of(), name -> true);
    connect.requests.clear();

    // when its rule changes the target's policy
    reconciler.connectors(
        Map.of("orders", rule("orders", target("webhook", false))), Map.of(), name -> true);

    // then its config is written and its tasks restarted, so they run the new config
    assertThat(connect.requests)
        .containsSubsequence(
            "PUT /connectors/railyard.to.orders.webhook/config",
            "POST /connectors/railyard.to.orders.webhook/restart");
  }

  @Test
  void shouldRemoveRuleConnectorsNoRuleInForceHasWhateverLeftThem() {
    // given the router and target of a rule a failed change left behind, and a user's connector
    reconciler.connectors(
        Map.of("gone", rule("gone", target("webhook", true))), Map.of(), name -> true);
    connect.connectors.put("audit-sink", Map.of("connector.class", "FileStreamSink"));

    // when the connectors are brought in line with no rules
    reconciler.connectors(Map.of(), Map.of(), name -> true);

    // then only the user's connector is left
    assertThat(connect.connectors).containsOnlyKeys("audit-sink");
  }

  @Test
  void shouldReportATemplateConnectorThatDoesNotExistAsAProblemOfTheFile() {
    // given a rule whose target uses an uploaded connector that is not there
    Target billing =
        new Target("billing", new Target.Connector("billing-webhook"), RetryPolicy.DEFAULT, false);
    List<String> problems = new ArrayList<>();

    // when the templates are read
    Map<String, Map<String, String>> templates =
        reconciler.templates(List.of(rule("orders", billing)), problems);

    // then the file is refused with the fix
    assertThat(templates).isEmpty();
    assertThat(problems)
        .singleElement()
        .asString()
        .contains("rule orders, target billing")
        .contains("connector 'billing-webhook' does not exist")
        .contains("PUT /api/v1/connectors/billing-webhook");
  }

  @Test
  void shouldUseTheTemplateOfAnUploadedConnector() {
    // given an uploaded connector used as a template
    connect.connectors.put(
        "billing-webhook", Map.of("connector.class", "FileStreamSink", "file", "/tmp/billing"));
    Target billing =
        new Target("billing", new Target.Connector("billing-webhook"), RetryPolicy.DEFAULT, false);
    List<String> problems = new ArrayList<>();

    // when the templates are read
    Map<String, Map<String, String>> templates =
        reconciler.templates(List.of(rule("orders", billing)), problems);

    // then its config is the template
    assertThat(problems).isEmpty();
    assertThat(templates.get("billing-webhook")).containsEntry("file", "/tmp/billing");
  }

  @Test
  void shouldNameTheUsersConnectorClassWhenConnectRefusesTheGuardedConfig() {
    // given Connect's validation finds the delegated sink class wrong
    connect.validationErrors.put(
        GuardedSinkConfig.DELEGATE_CLASS_CONFIG, "Class FileStreamSink could not be found");
    List<String> problems = new ArrayList<>();

    // when the target is validated
    reconciler.validateTargets(
        List.of(rule("orders", target("webhook", true))), Map.of(), problems);

    // then the problem speaks of the key the user wrote, connector.class
    assertThat(problems)
        .containsExactly(
            "rule orders, target webhook: config 'connector.class': "
                + "Class FileStreamSink could not be found");
  }
}
