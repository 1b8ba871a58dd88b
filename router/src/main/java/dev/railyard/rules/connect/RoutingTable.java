package dev.railyard.rules.connect;

import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Target;
import dev.railyard.rules.model.Topology;
import dev.railyard.rules.pattern.Matched;
import dev.railyard.rules.pattern.RuleSet;
import dev.railyard.rules.transform.Transformer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The enabled rules of one bus, compiled: one {@link RuleSet} for all patterns, and per rule its
 * transformer and targets. Immutable; a new table replaces the old one on every rule change.
 */
final class RoutingTable {

  /**
   * A rule ready to route: its transformer and the topics of its targets. The delivery records
   * carry no header naming the rule or the target: their topic names both, and the target's guard
   * gives the hosted sink's records those headers from its config.
   */
  record Route(String rule, Transformer transformer, List<Destination> destinations) {}

  /**
   * One target's delivery and dead-letter topics and the mode of the CloudEvents binding it asks
   * for.
   */
  record Destination(
      String target,
      String topic,
      String deadLetterTopic,
      boolean deadLetter,
      Target.EventMode mode) {

    Destination(String target, String topic, String deadLetterTopic, boolean deadLetter) {
      this(target, topic, deadLetterTopic, deadLetter, Target.EventMode.KEEP);
    }
  }

  static final RoutingTable EMPTY = new RoutingTable(RuleSet.empty(), Map.of());

  private final RuleSet ruleSet;
  private final Map<String, Route> routes;

  private RoutingTable(RuleSet ruleSet, Map<String, Route> routes) {
    this.ruleSet = ruleSet;
    this.routes = routes;
  }

  static RoutingTable of(String bus, Map<String, Rule> rules) {
    Map<String, String> patterns = new LinkedHashMap<>();
    Map<String, Route> routes = new HashMap<>();
    for (Rule rule : rules.values()) {
      if (!rule.enabled() || !rule.bus().equals(bus)) {
        continue;
      }
      patterns.put(rule.name(), rule.pattern());
      routes.put(
          rule.name(),
          new Route(
              rule.name(),
              Transformer.of(rule.transform()),
              rule.targets().stream().map(t -> destination(rule, t)).toList()));
    }
    return new RoutingTable(RuleSet.of(patterns), Map.copyOf(routes));
  }

  private static Destination destination(Rule rule, Target target) {
    return new Destination(
        target.name(),
        Topology.deliveryTopic(rule.name(), target.name()),
        Topology.deadLetterTopic(rule.name(), target.name()),
        target.deadLetter(),
        target.cloudEvents());
  }

  /** The routes of the rules whose patterns match the event, in the rules' order. */
  List<Route> match(byte[] eventJson) {
    return routes(matchEvent(eventJson));
  }

  /** The rules matching the event, and its id as the matcher read it (see {@link Matched}). */
  Matched matchEvent(byte[] eventJson) {
    return ruleSet.matchEvent(eventJson);
  }

  /** The routes of the rules matched, in the rules' order. */
  List<Route> routes(Matched result) {
    List<String> names = result.rules();
    // most events match one rule or none: no stream, no copy for those
    return switch (names.size()) {
      case 0 -> List.of();
      case 1 -> List.of(routes.get(names.get(0)));
      default -> {
        Route[] matched = new Route[names.size()];
        for (int i = 0; i < matched.length; i++) {
          matched[i] = routes.get(names.get(i));
        }
        yield List.of(matched);
      }
    };
  }

  int size() {
    return routes.size();
  }
}
