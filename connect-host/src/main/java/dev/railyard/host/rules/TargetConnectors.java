package dev.railyard.host.rules;

import dev.railyard.rules.connect.RouterConfig;
import dev.railyard.rules.connect.RouterSinkConnector;
import dev.railyard.rules.delivery.GuardedSinkConfig;
import dev.railyard.rules.delivery.GuardedSinkConnector;
import dev.railyard.rules.kafka.PluginClients;
import dev.railyard.rules.model.RetryPolicy;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Target;
import dev.railyard.rules.model.Topology;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The connector configs rules need: the router of a bus, and one sink connector per target, made
 * from the target's template (an uploaded connector config or the rule's inline config) pointed at
 * the target's delivery topic.
 *
 * <p>The target's sink runs inside the delivery guard ({@link GuardedSinkConnector}), which applies
 * the retry policy per record (attempts, age, exponential backoff with jitter) and writes spent
 * records to the target's dead-letter topic with the rule, target, error, attempts and failure
 * times. A policy that does not keep order parks failing records in the target's retry topic
 * meanwhile. Records the worker cannot even convert for the sink never reach it; for those the
 * policy is mapped onto Connect's own {@code errors.*} settings and dead-letter queue. A template
 * that pins {@code connector.plugin.version} runs unguarded (the guard cannot choose a plugin
 * version) with only that mapping.
 */
final class TargetConnectors {

  static final String STRING_CONVERTER = "org.apache.kafka.connect.storage.StringConverter";

  /** Records a target's task gets per poll unless its config says otherwise. */
  static final int MAX_POLL_RECORDS = 50;

  private TargetConnectors() {}

  /**
   * The router connector of a bus.
   *
   * @param pluginSettings the cluster and client settings of the plugin's own clients ({@code
   *     KafkaClients.pluginSettings()}: references only, never a secret)
   */
  static Map<String, String> router(String bus, Map<String, String> pluginSettings, int tasks) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("connector.class", RouterSinkConnector.class.getName());
    c.put("tasks.max", String.valueOf(tasks));
    c.put("topics", Topology.busTopic(bus));
    c.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    c.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    // the CloudEvents binding's ce_* headers are text: Connect's default header converter would
    // turn a ce_specversion of "1.0" into a number and an id like "0042" into 42
    c.put("header.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    c.put(RouterConfig.BUS_CONFIG, bus);
    c.putAll(pluginSettings);
    return c;
  }

  /**
   * The sink connector of a target.
   *
   * @param template the uploaded connector's config for a {@link Target.Connector}, else ignored
   */
  static Map<String, String> target(
      Rule rule, Target target, Map<String, String> template, Map<String, String> pluginSettings) {
    return target(rule, target, template, pluginSettings, Set.of());
  }

  /**
   * The sink connector of a target, given the retry topics there are: a target whose policy keeps
   * order still gets its retry topic when it has one, so records parked there before the policy
   * changed are delivered rather than stranded.
   */
  static Map<String, String> target(
      Rule rule,
      Target target,
      Map<String, String> template,
      Map<String, String> pluginSettings,
      Set<String> retryTopics) {
    return target(rule, target, template, pluginSettings, retryTopics, (short) -1);
  }

  /**
   * As above, with the replication factor Connect gives the dead-letter topic should it have to
   * create it (-1: the broker's default).
   */
  static Map<String, String> target(
      Rule rule,
      Target target,
      Map<String, String> template,
      Map<String, String> pluginSettings,
      Set<String> retryTopics,
      short deadLetterReplicationFactor) {
    Map<String, String> c =
        new LinkedHashMap<>(
            target.sink() instanceof Target.Inline inline ? inline.config() : template);
    c.remove("topics.regex");
    c.put("name", Topology.targetConnectorName(rule.name(), target.name()));
    c.put("topics", Topology.deliveryTopic(rule.name(), target.name()));
    // the router writes its headers (event id, rule, target) as text; the worker's default
    // converter would turn an id like "0042" into the number 42
    c.putIfAbsent("header.converter", STRING_CONVERTER);
    // A rebalance waits for every task's put() to return, and a task changing hands or a tasks.max
    // change is a rebalance. At Connect's 500 records per poll, a function answering in 50 ms holds
    // the target's group for 25 s each time, and a put longer than the worker's graceful stop
    // timeout leaves a task sending while its replacement sends the same records again; 50 bounds
    // it at 2.5 s and costs a fast sink little.
    c.putIfAbsent("consumer.override.max.poll.records", String.valueOf(MAX_POLL_RECORDS));
    String deadLetters =
        target.deadLetter() ? Topology.deadLetterTopic(rule.name(), target.name()) : null;
    RetryPolicy retry = target.retry();
    c.put(
        "errors.retry.timeout",
        String.valueOf(retry.maxAttempts() == 0 ? 0 : retry.maxAgeSeconds() * 1000L));
    c.put("errors.retry.delay.max.ms", String.valueOf(retry.maxBackoffMs()));
    c.put("errors.tolerance", "all");
    if (deadLetters != null) {
      c.put("errors.deadletterqueue.topic.name", deadLetters);
      c.put(
          "errors.deadletterqueue.topic.replication.factor",
          String.valueOf(deadLetterReplicationFactor));
      c.put("errors.deadletterqueue.context.headers.enable", "true");
    }
    c.put(GuardedSinkConfig.RULE_CONFIG, rule.name());
    c.put(GuardedSinkConfig.TARGET_CONFIG, target.name());
    if (!c.containsKey("connector.plugin.version")
        && !GuardedSinkConnector.class.getName().equals(c.get("connector.class"))) {
      c.put(GuardedSinkConfig.DELEGATE_CLASS_CONFIG, c.get("connector.class"));
      c.put("connector.class", GuardedSinkConnector.class.getName());
      // the cluster and its settings come from this control plane only, not from a template
      c.keySet().removeIf(PluginClients::isClientKey);
      c.putAll(pluginSettings);
      String retryTopic = Topology.retryTopic(rule.name(), target.name());
      c.putAll(
          GuardedSinkConfig.of(
              retry,
              deadLetters,
              !retry.inOrder() || retryTopics.contains(retryTopic) ? retryTopic : null));
    }
    return c;
  }
}
