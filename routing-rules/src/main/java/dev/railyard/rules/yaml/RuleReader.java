package dev.railyard.rules.yaml;

import dev.railyard.rules.model.Names;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Target;
import dev.railyard.rules.model.Transform;
import dev.railyard.rules.pattern.Pattern;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads one rule document, reporting every problem it finds. Stateless. */
final class RuleReader {

  /**
   * What a document gave.
   *
   * @param name the rule name as written, or null when missing or not a string
   * @param nameNode where the name is written, or null
   * @param rule the rule, or null when the document has problems
   */
  record Read(String name, Node nameNode, Rule rule) {}

  private RuleReader() {}

  static Read read(Report report, Node root) {
    int before = report.count();
    Optional<Fields> doc = Fields.of(report, root, null, "", Keys.ROOT);
    if (doc.isEmpty()) {
      return new Read(null, null, null);
    }
    Fields fields = doc.get();
    constant(report, fields, "apiVersion", Keys.API_VERSION);
    constant(report, fields, "kind", Keys.KIND);
    Optional<Fields> metadata =
        fields
            .require("metadata")
            .flatMap(
                m -> Fields.of(report, m, fields.keyNode("metadata"), "metadata", Keys.METADATA));
    Optional<String> name = metadata.flatMap(m -> m.string("name", true));
    Node nameNode = metadata.map(m -> m.value("name")).orElse(null);
    name.flatMap(Names::ruleNameProblem).ifPresent(p -> report.add(nameNode, "metadata.name", p));
    Optional<Fields> spec =
        fields
            .require("spec")
            .flatMap(s -> Fields.of(report, s, fields.keyNode("spec"), "spec", Keys.SPEC));
    Rule rule = spec.map(s -> spec(report, s, name.orElse(null), before)).orElse(null);
    return new Read(name.orElse(null), nameNode, report.count() == before ? rule : null);
  }

  private static Rule spec(Report report, Fields spec, String name, int before) {
    Optional<String> bus = spec.string("bus", true);
    bus.flatMap(Names::busNameProblem).ifPresent(p -> report.add(spec.value("bus"), "spec.bus", p));
    boolean enabled = spec.bool("enabled", true);
    String pattern = spec.require("pattern").map(p -> pattern(report, p)).orElse(null);
    Transform transform =
        spec.has("transform")
            ? TransformReader.read(report, spec.value("transform"), spec.keyNode("transform"))
            : new Transform.WholeEvent();
    List<Target> targets = spec.require("targets").map(t -> targets(report, t)).orElse(null);
    if (report.count() != before
        || name == null
        || bus.isEmpty()
        || pattern == null
        || transform == null
        || targets == null) {
      return null;
    }
    try {
      return new Rule(name, bus.get(), enabled, pattern, transform, targets);
    } catch (IllegalArgumentException e) {
      report.add(spec.value("bus"), "spec", e.getMessage());
      return null;
    }
  }

  private static void constant(Report report, Fields fields, String key, String valid) {
    fields
        .string(key, true)
        .filter(v -> !v.equals(valid))
        .ifPresent(
            v ->
                report.add(
                    fields.value(key),
                    key,
                    "unsupported " + key + " '" + v + "'; valid: " + valid));
  }

  /**
   * The pattern as compact JSON, after reporting every problem at its YAML position; null when
   * invalid.
   */
  private static String pattern(Report report, Node node) {
    if (!(node instanceof MappingNode) && !(node instanceof SequenceNode)) {
      report.add(
          node,
          "spec.pattern",
          Values.expected(
              "a mapping (an EventBridge pattern) or a sequence (CloudEvents filters)", node));
      return null;
    }
    int before = report.count();
    JsonWriter.Json json = JsonWriter.write(report, node, "spec.pattern");
    if (report.count() != before) {
      return null;
    }
    List<dev.railyard.rules.pattern.Problem> problems = Pattern.check(json.text());
    for (dev.railyard.rules.pattern.Problem p : problems) {
      Node at = json.nodeAt(p.line(), p.column(), node);
      String path = "spec.pattern" + patternPath(p.path(), node instanceof SequenceNode);
      report.add(at, path, p.message() + (p.hint().isEmpty() ? "" : " (" + p.hint() + ")"));
    }
    return problems.isEmpty() ? json.text() : null;
  }

  /** A pattern problem's path as a document path; the filters list is the pattern node itself. */
  private static String patternPath(String path, boolean filters) {
    if (filters && path.startsWith("filters")) {
      return path.substring("filters".length());
    }
    return path.isEmpty() ? "" : "." + path;
  }

  private static List<Target> targets(Report report, Node node) {
    if (!(node instanceof SequenceNode sequence)) {
      report.add(node, "spec.targets", Values.expected("a sequence of targets", node));
      return null;
    }
    return TargetReader.readAll(report, sequence);
  }
}
