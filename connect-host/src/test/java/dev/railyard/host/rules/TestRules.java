package dev.railyard.host.rules;

import dev.railyard.rules.model.RetryPolicy;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Target;
import dev.railyard.rules.model.Transform;
import java.util.List;
import java.util.Map;

/** Rules for the unit tests of the rule services. */
final class TestRules {

  private TestRules() {}

  /** Rule {@code paid} of bus {@code shop}, for order.paid events, with targets out and audit. */
  static Rule paid(Transform transform) {
    return new Rule(
        "paid",
        "shop",
        true,
        "{\"type\": [\"order.paid\"]}",
        transform,
        List.of(target("out"), target("audit")));
  }

  private static Target target(String name) {
    return new Target(
        name, new Target.Inline(Map.of("connector.class", "LogSink")), RetryPolicy.DEFAULT, true);
  }
}
