package dev.railyard.host.rules;

import dev.railyard.rules.connect.RouterConfig;
import dev.railyard.rules.connect.RouterSinkConnector;
import dev.railyard.rules.model.RetryPolicy;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Target;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The connector configs rules need: the router of a bus, and one sink connector per target, made
 * from the target's template (an uploaded connector config or the rule's inline config) pointed at
 * the target's delivery topic, with the retry policy mapped onto Connect's {@code errors.*}.
 */
final class TargetConnectors {

  private TargetConnectors() {}

  static Map<String, String> router(String bus, String bootstrapServers, int tasks) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("connector.class", RouterSinkConnector.class.getName());
    c.put("tasks.max", String.valueOf(tasks));
    c.put("topics", "railyard.bus." + bus);
    c.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    c.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    c.put(RouterConfig.BUS_CONFIG, bus);
    c.put(RouterConfig.BOOTSTRAP_CONFIG, bootstrapServers);
    return c;
  }

  /**
   * The sink connector of a target.
   *
   * @param template the uploaded connector's config for a {@link Target.Connector}, else ignored
   */
  static Map<String, String> target(Rule rule, Target target, Map<String, String> template) {
    Map<String, String> c = new LinkedHashMap<>(target.sink() instanceof Target.Inline inline
        ? inline.config() : template);
    c.remove("topics.regex");
    c.put("name", RouterConfig.targetConnectorName(rule.name(), target.name()));
    c.put("topics", RouterConfig.deliveryTopic(rule.name(), target.name()));
    RetryPolicy retry = target.retry();
    c.put("errors.retry.timeout", String.valueOf(retry.maxAttempts() == 0 ? 0
        : retry.maxAgeSeconds() * 1000L));
    c.put("errors.retry.delay.max.ms", "60000");
    c.put("errors.tolerance", "all");
    if (target.deadLetter()) {
      c.put("errors.deadletterqueue.topic.name",
          RouterConfig.deadLetterTopic(rule.name(), target.name()));
      c.put("errors.deadletterqueue.topic.replication.factor", "-1");
      c.put("errors.deadletterqueue.context.headers.enable", "true");
    }
    c.put("railyard.rule", rule.name());
    c.put("railyard.target", target.name());
    return c;
  }
}
