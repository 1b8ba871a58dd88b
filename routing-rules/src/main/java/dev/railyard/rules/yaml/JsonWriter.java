package dev.railyard.rules.yaml;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Writes a YAML subtree as compact one-line JSON, remembering which YAML node each JSON token came
 * from, so a problem a JSON parser reports at a column can be shown at the YAML line and column.
 * Reports what JSON cannot hold (tagged values, keys that are not strings) and duplicate keys. Not
 * thread-safe; one per subtree.
 */
final class JsonWriter {

  private static final Pattern JSON_NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

  private final Report report;
  private final StringBuilder out = new StringBuilder();
  private final NavigableMap<Integer, Node> tokens = new TreeMap<>();

  private JsonWriter(Report report) {
    this.report = report;
  }

  /** The JSON text and, by 1-based column, the YAML node each token starts at. */
  record Json(String text, NavigableMap<Integer, Node> tokens) {

    /** The node of the token at or before a 1-based column, or {@code otherwise}. */
    Node nodeAt(int line, int column, Node otherwise) {
      if (line != 1 || column < 1) {
        return otherwise;
      }
      Map.Entry<Integer, Node> e = tokens.floorEntry(column);
      return e == null ? otherwise : e.getValue();
    }
  }

  /** Converts {@code node}; problems go to {@code report} under {@code path}. */
  static Json write(Report report, Node node, String path) {
    JsonWriter writer = new JsonWriter(report);
    writer.value(node, path);
    return new Json(writer.out.toString(), writer.tokens);
  }

  private void value(Node node, String path) {
    tokens.put(out.length() + 1, node);
    if (node instanceof MappingNode mapping) {
      object(mapping, path);
    } else if (node instanceof SequenceNode sequence) {
      out.append('[');
      for (int i = 0; i < sequence.getValue().size(); i++) {
        out.append(i == 0 ? "" : ",");
        value(sequence.getValue().get(i), Paths.index(path, i));
      }
      out.append(']');
    } else {
      scalar((ScalarNode) node, path);
    }
  }

  private void object(MappingNode mapping, String path) {
    out.append('{');
    boolean first = true;
    Map<String, Node> seen = new HashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node key = tuple.getKeyNode();
      if (!(key instanceof ScalarNode) || !isJsonScalar(key.getTag())) {
        report.add(key, path, "keys must be strings, found " + Values.describe(key));
        continue;
      }
      Node before = seen.putIfAbsent(Values.text(key), key);
      if (before != null) {
        report.add(
            key,
            Paths.key(path, Values.text(key)),
            "duplicate key '"
                + Values.text(key)
                + "'; first defined at "
                + Report.at(before.getStartMark()));
        continue;
      }
      out.append(first ? "" : ",");
      first = false;
      tokens.put(out.length() + 1, key);
      string(Values.text(key));
      out.append(':');
      value(tuple.getValueNode(), Paths.key(path, Values.text(key)));
    }
    out.append('}');
  }

  private void scalar(ScalarNode node, String path) {
    Tag tag = node.getTag();
    String text = node.getValue();
    if (Tag.STR.equals(tag)) {
      string(text);
    } else if (Values.isNumber(node)) {
      out.append(JSON_NUMBER.matcher(text).matches() ? text : new BigDecimal(text).toString());
    } else if (Values.isBoolean(node)) {
      out.append(text);
    } else if (Tag.NULL.equals(tag)) {
      out.append("null");
    } else {
      report.add(
          node,
          path,
          "JSON cannot hold "
              + Values.describe(node)
              + "; write a string, number, boolean, "
              + "null, mapping or sequence");
      out.append("null");
    }
  }

  private void string(String text) {
    out.append('"');
    JsonStringEncoder.getInstance().quoteAsString(text, out);
    out.append('"');
  }

  private static boolean isJsonScalar(Tag tag) {
    return Tag.STR.equals(tag)
        || Tag.INT.equals(tag)
        || Tag.FLOAT.equals(tag)
        || Tag.BOOL.equals(tag);
  }
}
