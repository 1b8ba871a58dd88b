package dev.railyard.host.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.rules.connect.RouterConfig;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Target;
import dev.railyard.rules.store.RuleRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import dev.railyard.rules.yaml.Problem;

/** Rules and rule problems as the API shows them. Stateless. */
final class RuleViews {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RuleViews() {}

  /** The rule document, plus where its events go. */
  static Map<String, Object> view(Rule rule, TargetStats stats) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("name", rule.name());
    view.put("bus", rule.bus());
    view.put("enabled", rule.enabled());
    List<Map<String, Object>> targets = new ArrayList<>();
    for (Target t : rule.targets()) {
      Map<String, Object> target = new LinkedHashMap<>();
      target.put("name", t.name());
      target.put("connector", RouterConfig.targetConnectorName(rule.name(), t.name()));
      target.put("deliveryTopic", RouterConfig.deliveryTopic(rule.name(), t.name()));
      target.put("deadLetterTopic", t.deadLetter()
          ? RouterConfig.deadLetterTopic(rule.name(), t.name()) : null);
      TargetStats.Figures figures = stats.of(rule.name(), t.name());
      target.put("stats", figures == null ? null : figures.view());
      targets.add(target);
    }
    view.put("targets", targets);
    view.put("document", document(rule));
    return view;
  }

  static JsonNode document(Rule rule) {
    try {
      return JSON.readTree(RuleRecords.write(rule));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The error details of a refused file: every problem, as text and as fields. */
  static Map<String, Object> problems(List<Problem> problems) {
    return Map.of(
        "problems", problems.stream().map(Problem::toString).collect(Collectors.toList()),
        "items", problems.stream().map(p -> Map.<String, Object>of("file", p.file(),
            "line", p.line(), "column", p.column(), "path", p.path(), "message", p.message()))
            .collect(Collectors.toList()));
  }
}
