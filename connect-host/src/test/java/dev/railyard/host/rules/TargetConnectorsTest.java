package dev.railyard.host.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.rules.delivery.GuardedSinkConfig;
import dev.railyard.rules.kafka.PluginClients;
import dev.railyard.rules.model.RetryPolicy;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Target;
import dev.railyard.rules.model.Transform;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetConnectorsTest {

  private static final Map<String, String> CLUSTER =
      PluginClients.connectorConfig("broker:9092", Set.of());

  /** A file sink target named webhook, with dead letters, retrying as {@code retry} says. */
  private static Target webhook(RetryPolicy retry) {
    return new Target(
        "webhook",
        new Target.Inline(Map.of("connector.class", "FileStreamSink", "file", "/tmp/out")),
        retry,
        true);
  }

  private static Rule rule(Target target) {
    return new Rule("orders", "shop", true, "{}", new Transform.WholeEvent(), List.of(target));
  }

  @Test
  void shouldRunTheTargetsSinkInsideTheDeliveryGuardWithItsPolicy() {
    // given a target with a retry policy and dead letters
    Target target = webhook(new RetryPolicy(3, 600, 50, 800));

    // when its connector config is made
    Map<String, String> c = TargetConnectors.target(rule(target), target, null, CLUSTER);

    // then the guard runs the sink, reading the target's delivery topic, with the policy
    assertThat(c)
        .containsEntry("connector.class", "dev.railyard.rules.delivery.GuardedSinkConnector")
        .containsEntry(GuardedSinkConfig.DELEGATE_CLASS_CONFIG, "FileStreamSink")
        .containsEntry("file", "/tmp/out")
        .containsEntry("name", "railyard.to.orders.webhook")
        .containsEntry("topics", "railyard.to.orders.webhook")
        .containsEntry(GuardedSinkConfig.BOOTSTRAP_CONFIG, "broker:9092")
        .containsEntry(GuardedSinkConfig.RULE_CONFIG, "orders")
        .containsEntry(GuardedSinkConfig.TARGET_CONFIG, "webhook")
        .containsEntry(GuardedSinkConfig.MAX_ATTEMPTS_CONFIG, "3")
        .containsEntry(GuardedSinkConfig.MAX_AGE_CONFIG, "600000")
        .containsEntry(GuardedSinkConfig.BACKOFF_INITIAL_CONFIG, "50")
        .containsEntry(GuardedSinkConfig.BACKOFF_MAX_CONFIG, "800")
        .containsEntry(GuardedSinkConfig.DEAD_LETTER_TOPIC_CONFIG, "railyard.dlq.orders.webhook")
        .containsEntry(GuardedSinkConfig.RETRY_TOPIC_CONFIG, "")
        .containsEntry("errors.tolerance", "all")
        .containsEntry("errors.deadletterqueue.topic.name", "railyard.dlq.orders.webhook")
        .containsEntry("header.converter", "org.apache.kafka.connect.storage.StringConverter");
    assertThat(new GuardedSinkConfig(c).policy()).isEqualTo(target.retry());
  }

  @Test
  void shouldGiveATargetThatDoesNotKeepOrderItsRetryTopic() {
    Target target = webhook(new RetryPolicy(3, 600, 50, 800, false));

    Map<String, String> c = TargetConnectors.target(rule(target), target, null, CLUSTER);

    assertThat(c)
        .containsEntry(GuardedSinkConfig.IN_ORDER_CONFIG, "false")
        .containsEntry(GuardedSinkConfig.RETRY_TOPIC_CONFIG, "railyard.retry.orders.webhook")
        .containsEntry("topics", "railyard.to.orders.webhook");
    assertThat(new GuardedSinkConfig(c).policy()).isEqualTo(target.retry());
  }

  @Test
  void shouldKeepTheRetryTopicOfATargetMadeInOrderSoNothingParkedIsStranded() {
    Target target = webhook(new RetryPolicy(3, 600));

    Map<String, String> c =
        TargetConnectors.target(
            rule(target), target, null, CLUSTER, Set.of("railyard.retry.orders.webhook"));

    assertThat(c)
        .containsEntry(GuardedSinkConfig.IN_ORDER_CONFIG, "true")
        .containsEntry(GuardedSinkConfig.RETRY_TOPIC_CONFIG, "railyard.retry.orders.webhook");
    assertThat(new GuardedSinkConfig(c).policy().inOrder()).isTrue();
  }

  @Test
  void shouldLeaveTheDeadLetterTopicOutWhenTheTargetDropsWhatItCannotDeliver() {
    Target target = new Target("log", new Target.Connector("audit"), RetryPolicy.DEFAULT, false);

    Map<String, String> c =
        TargetConnectors.target(
            rule(target),
            target,
            Map.of(
                "connector.class",
                "FileStreamSink",
                "file",
                "/tmp/audit",
                "topics.regex",
                ".*",
                "header.converter",
                "org.apache.kafka.connect.storage.SimpleHeaderConverter"),
            CLUSTER);

    assertThat(c)
        .containsEntry(GuardedSinkConfig.DEAD_LETTER_TOPIC_CONFIG, "")
        .doesNotContainKey("errors.deadletterqueue.topic.name")
        .doesNotContainKey("topics.regex")
        .containsEntry(
            "header.converter", "org.apache.kafka.connect.storage.SimpleHeaderConverter");
  }

  @Test
  void shouldRunATemplateThatPinsAPluginVersionUnguarded() {
    Target target = new Target("db", new Target.Connector("jdbc"), RetryPolicy.DEFAULT, true);

    Map<String, String> c =
        TargetConnectors.target(
            rule(target),
            target,
            Map.of("connector.class", "JdbcSink", "connector.plugin.version", "3.5.0.Final"),
            CLUSTER);

    assertThat(c)
        .containsEntry("connector.class", "JdbcSink")
        .containsEntry("errors.deadletterqueue.topic.name", "railyard.dlq.orders.db")
        .doesNotContainKey(GuardedSinkConfig.DELEGATE_CLASS_CONFIG);
  }

  @Test
  void shouldGiveTheRouterAndTheGuardReferencesToTheClientSettingsAndNoSecret() {
    // given a secured cluster's plugin settings, as the control plane's clients make them
    Map<String, String> secured =
        PluginClients.connectorConfig(
            "broker:9093", Set.of("security.protocol", "sasl.jaas.config"));
    Target target = new Target("log", new Target.Connector("audit"), RetryPolicy.DEFAULT, false);
    Map<String, String> template =
        Map.of(
            "connector.class", "FileStreamSink",
            "railyard.kafka.sasl.jaas.config", "left over from a copied config");

    // when the router and a target are made
    Map<String, String> router = TargetConnectors.router("shop", secured, 3);
    Map<String, String> guarded = TargetConnectors.target(rule(target), target, template, secured);

    // then both carry the cluster and only references for the settings
    for (Map<String, String> c : List.of(router, guarded)) {
      assertThat(c)
          .containsEntry("railyard.bootstrap.servers", "broker:9093")
          .containsEntry("railyard.kafka.security.protocol", "${railyard:kafka:security.protocol}")
          .containsEntry("railyard.kafka.sasl.jaas.config", "${railyard:kafka:sasl.jaas.config}");
    }
    assertThat(guarded.values()).noneMatch(v -> v.contains("left over"));
  }
}
