package dev.railyard.sinks.log;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line of {@code log.format=template}: JSON text with {@code ${path}} placeholders, each
 * replaced by the JSON of that path of the event. Immutable, thread-safe.
 */
final class LineTemplate {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
  private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*");

  private final List<String> literals; // one more than paths
  private final List<String[]> paths;

  private LineTemplate(List<String> literals, List<String[]> paths) {
    this.literals = literals;
    this.paths = paths;
  }

  /**
   * @throws IllegalArgumentException saying what is wrong and what would be valid
   */
  static LineTemplate parse(String template) {
    if (template.indexOf('\n') >= 0 || template.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("must be one line: each event is one line of the file");
    }
    List<String> literals = new ArrayList<>();
    List<String[]> paths = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(template);
    int at = 0;
    StringBuilder sample = new StringBuilder();
    while (m.find()) {
      String path = m.group(1).strip();
      if (!PATH.matcher(path).matches()) {
        throw new IllegalArgumentException(
            "has the placeholder ${"
                + m.group(1)
                + "}: a path is dot-separated names or array indexes, such as ${id} or "
                + "${data.pod.name}");
      }
      literals.add(template.substring(at, m.start()));
      paths.add(path.split("\\."));
      sample.append(template, at, m.start()).append("null");
      at = m.end();
    }
    literals.add(template.substring(at));
    sample.append(template.substring(at));
    if (literals.get(literals.size() - 1).contains("${")) {
      throw new IllegalArgumentException("has a '${' that is not closed with '}'");
    }
    checkJson(sample.toString());
    return new LineTemplate(List.copyOf(literals), List.copyOf(paths));
  }

  private static void checkJson(String sample) {
    try {
      JsonNode node =
          RecordContent.JSON
              .reader()
              .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
              .readTree(sample);
      if (node == null || node.isMissingNode()) {
        throw new IllegalArgumentException("must be JSON, such as {\"id\": ${id}}");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "must be one JSON value once each placeholder is a JSON value (such as {\"id\": ${id}},"
              + " with no quotes around a placeholder): "
              + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                  ? j.getOriginalMessage()
                  : e.getMessage()));
    }
  }

  /** The line for one event (or plain value): each placeholder as JSON, null where missing. */
  String fill(JsonNode source) {
    StringBuilder out = new StringBuilder(literals.get(0));
    for (int i = 0; i < paths.size(); i++) {
      JsonNode node = source;
      for (String name : paths.get(i)) {
        node =
            node.isArray() && name.chars().allMatch(Character::isDigit)
                ? node.path(Integer.parseInt(name))
                : node.path(name);
      }
      out.append(node.isMissingNode() ? NullNode.getInstance() : node);
      out.append(literals.get(i + 1));
    }
    return out.toString();
  }
}
