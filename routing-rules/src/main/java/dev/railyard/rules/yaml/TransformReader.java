package dev.railyard.rules.yaml;

import dev.railyard.rules.model.JsonPath;
import dev.railyard.rules.model.JsonPathException;
import dev.railyard.rules.model.Transform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/** Reads {@code spec.transform}, reporting every problem it finds. Stateless. */
final class TransformReader {

  private static final String PATH = "spec.transform";
  private static final String FORMS = "inputPath, input, or template (with optional paths)";

  private TransformReader() {}

  /** The transform, or null when it has a problem (reported). */
  static Transform read(Report report, Node node, Node owner) {
    Optional<Fields> fields = Fields.of(report, node, owner, PATH, Keys.TRANSFORM);
    if (fields.isEmpty()) {
      return null;
    }
    Fields transform = fields.get();
    List<String> forms = new ArrayList<>();
    for (String key : List.of("inputPath", "input", "template")) {
      if (transform.has(key)) {
        forms.add(key);
      }
    }
    if (forms.size() > 1) {
      String second = forms.get(1);
      report.add(
          transform.keyNode(second),
          transform.path(second),
          "'"
              + forms.get(0)
              + "' and '"
              + second
              + "' exclude each other; a transform is one of "
              + FORMS);
      return null;
    }
    if (transform.has("paths") && !forms.contains("template")) {
      report.add(
          transform.keyNode("paths"),
          transform.path("paths"),
          "'paths' needs a 'template' that uses them; a transform is one of " + FORMS);
      return null;
    }
    if (forms.isEmpty()) {
      transform.problem("a transform needs one of " + FORMS);
      return null;
    }
    return switch (forms.get(0)) {
      case "inputPath" ->
          transform
              .string("inputPath", true)
              .map(p -> path(report, p, transform.value("inputPath"), transform.path("inputPath")))
              .map(Transform.InputPath::new)
              .orElse(null);
      case "input" -> constant(report, transform);
      default -> template(report, transform);
    };
  }

  private static Transform constant(Report report, Fields transform) {
    int before = report.count();
    JsonWriter.Json json =
        JsonWriter.write(report, transform.value("input"), transform.path("input"));
    return report.count() == before ? new Transform.Constant(json.text()) : null;
  }

  private static Transform template(Report report, Fields transform) {
    int before = report.count();
    Map<String, JsonPath> paths = new LinkedHashMap<>();
    if (transform.has("paths")) {
      Fields.of(
              report,
              transform.value("paths"),
              transform.keyNode("paths"),
              transform.path("paths"),
              null)
          .ifPresent(p -> paths(report, p, paths));
    }
    Optional<String> template = transform.string("template", true);
    template.ifPresent(
        t ->
            placeholders(
                report,
                t,
                (ScalarNode) transform.value("template"),
                transform.path("template"),
                paths));
    if (report.count() != before || template.isEmpty()) {
      return null;
    }
    return new Transform.Template(paths, template.get());
  }

  /**
   * Reads the variables; a variable with a bad path still counts as defined, so placeholders are
   * not blamed.
   */
  private static void paths(Report report, Fields fields, Map<String, JsonPath> paths) {
    for (String name : fields.keys()) {
      Node value = fields.value(name);
      if (!Transform.VARIABLE.matcher(name).matches()) {
        report.add(
            fields.keyNode(name), fields.path(name), Transform.Template.variableProblem(name));
      }
      if (!Values.isString(value)) {
        report.add(
            value, fields.path(name), Values.expected("a JSONPath string like $.data.id", value));
        paths.put(name, JsonPath.ROOT);
        continue;
      }
      JsonPath path = path(report, Values.text(value), value, fields.path(name));
      paths.put(name, path == null ? JsonPath.ROOT : path);
    }
    if (paths.size() > Transform.MAX_PATHS) {
      fields.problem(
          "at most " + Transform.MAX_PATHS + " paths are allowed, found " + paths.size());
    }
  }

  private static void placeholders(
      Report report, String template, ScalarNode node, String path, Map<String, JsonPath> paths) {
    if (template.length() > Transform.MAX_TEMPLATE_LENGTH) {
      report.add(
          node,
          path,
          "the template is longer than " + Transform.MAX_TEMPLATE_LENGTH + " characters");
    }
    List<String> defined = new ArrayList<>(paths.keySet());
    defined.addAll(Transform.PREDEFINED);
    for (Transform.Placeholder p : Transform.Template.placeholders(template)) {
      if (!Transform.Template.isDefined(p.name(), paths)) {
        String hint =
            Suggestions.closest(p.name(), defined)
                .map(d -> " (did you mean <" + d + ">?)")
                .orElse("");
        String message =
            Transform.Template.undefined(p.name(), paths).replaceFirst(";", hint + ";");
        ScalarPositions.report(report, node, p.offset(), path, message);
      }
    }
  }

  private static JsonPath path(Report report, String text, Node node, String path) {
    try {
      return JsonPath.parse(text);
    } catch (JsonPathException e) {
      String message =
          "invalid JSONPath '" + text + "': " + e.reason() + "; " + JsonPathException.SUPPORTED;
      ScalarPositions.report(
          report, (ScalarNode) node, Math.min(e.index(), text.length()), path, message);
      return null;
    }
  }
}
