package dev.railyard.host.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.railyard.api.platform.BusScope;
import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.Outcome.Kind;
import dev.railyard.api.platform.answers.RuleView;
import dev.railyard.host.connectors.SecretMasking;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Target;
import dev.railyard.rules.model.Topology;
import dev.railyard.rules.store.RuleRecords;
import dev.railyard.rules.yaml.LoadResult;
import dev.railyard.rules.yaml.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Rules and rule problems as the API shows them. Stateless. */
final class RuleViews {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RuleViews() {}

  /** The rule document, plus where its events go and whether each target sleeps. */
  static RuleView view(Rule rule, TargetStats stats, Predicate<String> awake) {
    List<RuleView.Target> targets = new ArrayList<>();
    for (Target t : rule.targets()) {
      TargetStats.Figures figures = stats.of(rule.name(), t.name());
      String connector = Topology.targetConnectorName(rule.name(), t.name());
      targets.add(
          new RuleView.Target(
              t.name(),
              connector,
              Topology.deliveryTopic(rule.name(), t.name()),
              t.deadLetter() ? Topology.deadLetterTopic(rule.name(), t.name()) : null,
              t.retry().inOrder() ? null : Topology.retryTopic(rule.name(), t.name()),
              !awake.test(connector),
              figures == null ? null : figures.view()));
    }
    return new RuleView(rule.name(), rule.bus(), rule.enabled(), targets, document(rule));
  }

  /** The rule as stored, with the secrets of inline target configs masked. */
  static JsonNode document(Rule rule) {
    JsonNode doc;
    try {
      doc = JSON.readTree(RuleRecords.write(rule));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (JsonNode target : doc.path("spec").path("targets")) {
      if (target.path("config") instanceof ObjectNode config) {
        Map<String, String> values = new LinkedHashMap<>();
        config.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        SecretMasking.mask(values, Set.of()).forEach(config::put);
      }
    }
    return doc;
  }

  /**
   * The inline target config keys of {@code rules} that hold the mask instead of a value (a
   * document read back from the API and applied again), as problems of the file.
   */
  static List<String> maskedSecrets(List<Rule> rules) {
    List<String> problems = new ArrayList<>();
    for (Rule rule : rules) {
      for (Target t : rule.targets()) {
        if (t.sink() instanceof Target.Inline inline) {
          inline
              .config()
              .forEach(
                  (key, value) -> {
                    if (SecretMasking.MASK.equals(value)) {
                      problems.add(
                          "rule "
                              + rule.name()
                              + ", target "
                              + t.name()
                              + ": config '"
                              + key
                              + "' holds the mask "
                              + SecretMasking.MASK
                              + " that answers show in place of a "
                              + "secret; give the secret itself or a ${env:...} / ${file:...} reference");
                    }
                  });
        }
      }
    }
    return problems;
  }

  /**
   * The refusal of a file whose rules or targets have problems: the first few in the message (a
   * file of a thousand rules sharing one mistake would make it a thousand lines), all of them in
   * the details.
   */
  static <T> Outcome<T> refusedTargets(String fileName, List<String> problems) {
    int shown = Math.min(problems.size(), 5);
    String message =
        fileName
            + ": "
            + String.join("; ", problems.subList(0, shown))
            + (problems.size() > shown
                ? "; and " + (problems.size() - shown) + " more (details.problems lists them all)"
                : "");
    return Outcome.refused(Kind.INVALID, "INVALID_RULES", message, Map.of("problems", problems));
  }

  /** The answer for a rule that does not exist. */
  static <T> Outcome<T> notFound(String name) {
    return Outcome.refused(
        Kind.NOT_FOUND,
        "NOT_FOUND",
        "rule '" + name + "' does not exist (GET /api/v1/rules lists them)",
        Map.of("name", name));
  }

  /** The error details of a refused file: every problem, as text and as fields. */
  static Map<String, Object> problems(List<Problem> problems) {
    return Map.of(
        "problems", problems.stream().map(Problem::toString).collect(Collectors.toList()),
        "items",
            problems.stream()
                .map(
                    p ->
                        Map.<String, Object>of(
                            "file",
                            p.file(),
                            "line",
                            p.line(),
                            "column",
                            p.column(),
                            "path",
                            p.path(),
                            "message",
                            p.message()))
                .collect(Collectors.toList()));
  }

  /** A rule file refused for its problems. */
  static <T> Outcome<T> refused(String fileName, LoadResult loaded) {
    int n = loaded.problems().size();
    return Outcome.refused(
        Kind.INVALID,
        "INVALID_RULES",
        fileName
            + " has "
            + n
            + (n == 1 ? " problem" : " problems")
            + "; nothing was applied. First: "
            + loaded.problems().get(0),
        RuleViews.problems(loaded.problems()));
  }

  /**
   * A rule file with a rule on a bus outside the caller's scope, refused whole, or null when every
   * rule is in scope.
   */
  static <T> Outcome<T> outOfScope(String fileName, List<Rule> rules, BusScope scope) {
    List<String> outside =
        rules.stream()
            .filter(r -> !scope.allows(r.bus()))
            .map(r -> r.name() + " (bus " + r.bus() + ")")
            .toList();
    if (outside.isEmpty()) {
      return null;
    }
    return Outcome.refused(
        Kind.FORBIDDEN,
        "BUS_NOT_ALLOWED",
        fileName
            + ": the token may only apply rules to "
            + scope.buses()
            + ", not "
            + String.join(", ", outside)
            + "; nothing was applied",
        Map.of("rules", outside, "allowed", List.copyOf(scope.buses())));
  }

  /**
   * The limits a file would break: a rule with more targets than allowed, a bus with more rules
   * than allowed once the file is applied; one problem each.
   */
  static List<String> overLimits(Map<String, Rule> after, List<Rule> file, RuleLimits limits) {
    List<String> problems = new ArrayList<>();
    Set<String> buses = new java.util.TreeSet<>();
    for (Rule rule : file) {
      buses.add(rule.bus());
      if (rule.targets().size() > limits.targetsPerRule()) {
        problems.add(
            "rule "
                + rule.name()
                + ": "
                + rule.targets().size()
                + " targets, at most "
                + limits.targetsPerRule()
                + " are allowed (rules.max.targets)");
      }
    }
    for (String bus : buses) {
      long count = after.values().stream().filter(r -> r.bus().equals(bus)).count();
      if (count > limits.rulesPerBus()) {
        problems.add(
            "bus "
                + bus
                + ": "
                + count
                + " rules once applied, at most "
                + limits.rulesPerBus()
                + " are allowed (rules.max.per.bus)");
      }
    }
    return problems;
  }

  /**
   * The problem when the buses of the rules in force after a change, with the buses that exist,
   * would be more than allowed; empty otherwise.
   */
  static List<String> overBusLimit(
      Set<String> existingBuses, Map<String, Rule> after, RuleLimits limits) {
    Set<String> buses = new java.util.TreeSet<>(existingBuses);
    after.values().forEach(r -> buses.add(r.bus()));
    if (buses.size() <= limits.buses()) {
      return List.of();
    }
    return List.of(
        buses.size()
            + " buses once applied ("
            + String.join(", ", buses)
            + "), at most "
            + limits.buses()
            + " are allowed (bus.max)");
  }
}
