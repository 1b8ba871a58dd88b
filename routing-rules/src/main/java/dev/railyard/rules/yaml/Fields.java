package dev.railyard.rules.yaml;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * The entries of one YAML mapping, read strictly: keys must be strings, unknown keys (when the
 * valid keys are given) and duplicate keys are reported, missing required keys are reported at the
 * mapping's own key. Typed getters report wrong types and return empty. Not thread-safe; one per
 * mapping.
 */
final class Fields {

  private final Report report;
  private final String path;
  private final Optional<Mark> where;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

  private Fields(
      Report report, MappingNode mapping, String path, Optional<Mark> where, List<String> keys) {
    this.report = report;
    this.path = path;
    this.where = where;
    for (NodeTuple tuple : mapping.getValue()) {
      Node key = tuple.getKeyNode();
      if (!Values.isString(key)) {
        report.add(key, path, "keys must be strings, found " + Values.describe(key));
        continue;
      }
      String name = Values.text(key);
      NodeTuple first = entries.get(name);
      if (first != null) {
        report.add(
            key,
            Paths.key(path, name),
            "duplicate key '"
                + name
                + "'; first defined at "
                + Report.at(first.getKeyNode().getStartMark()));
      } else if (keys != null && !keys.contains(name)) {
        report.add(
            key,
            Paths.key(path, name),
            "unknown key '"
                + name
                + "'"
                + Suggestions.didYouMean(name, keys)
                + "; valid keys: "
                + String.join(", ", keys));
      } else {
        entries.put(name, tuple);
      }
    }
  }

  /**
   * Reads {@code node} as a mapping with the given valid keys ({@code null}: any string key).
   *
   * @param owner the key that holds the mapping, where missing keys are reported; null to use the
   *     mapping itself
   * @return empty (after reporting) when {@code node} is not a mapping
   */
  static Optional<Fields> of(Report report, Node node, Node owner, String path, List<String> keys) {
    if (!(node instanceof MappingNode mapping)) {
      String expected =
          keys == null ? "a mapping" : "a mapping with keys " + String.join(", ", keys);
      report.add(node, path, Values.expected(expected, node));
      return Optional.empty();
    }
    Optional<Mark> where = owner != null ? owner.getStartMark() : node.getStartMark();
    return Optional.of(new Fields(report, mapping, path, where, keys));
  }

  /** Keys in the order written, without the reported ones. */
  Iterable<String> keys() {
    return entries.keySet();
  }

  boolean has(String key) {
    return entries.containsKey(key);
  }

  /** The value of {@code key}, or null when absent. */
  Node value(String key) {
    NodeTuple t = entries.get(key);
    return t == null ? null : t.getValueNode();
  }

  /** The key node of {@code key}, or null when absent. */
  Node keyNode(String key) {
    NodeTuple t = entries.get(key);
    return t == null ? null : t.getKeyNode();
  }

  String path(String key) {
    return Paths.key(path, key);
  }

  /** The value of {@code key}, reporting it missing when absent. */
  Optional<Node> require(String key) {
    Node value = value(key);
    if (value == null) {
      report.add(where, path, "missing required key '" + key + "'");
    }
    return Optional.ofNullable(value);
  }

  /** Reports a problem of the mapping as a whole, at its key. */
  void problem(String message) {
    report.add(where, path, message);
  }

  /** A string value; empty when absent (reported if required) or not a string (reported). */
  Optional<String> string(String key, boolean required) {
    Optional<Node> node = required ? require(key) : Optional.ofNullable(value(key));
    return node.flatMap(
        n -> {
          if (!Values.isString(n)) {
            report.add(n, path(key), Values.expected("a string", n));
            return Optional.empty();
          }
          return Optional.of(Values.text(n));
        });
  }

  /** A boolean value, {@code otherwise} when absent or wrong (reported). */
  boolean bool(String key, boolean otherwise) {
    Node n = value(key);
    if (n == null) {
      return otherwise;
    }
    if (!Values.isBoolean(n)) {
      report.add(n, path(key), Values.expected("a boolean (true or false)", n));
      return otherwise;
    }
    return Boolean.parseBoolean(Values.text(n));
  }

  /** An integer in {@code [min, max]}, {@code otherwise} when absent or wrong (reported). */
  int integer(String key, int otherwise, int min, int max) {
    Node n = value(key);
    if (n == null) {
      return otherwise;
    }
    if (!Values.isInteger(n)) {
      report.add(n, path(key), Values.expected("an integer from " + min + " to " + max, n));
      return otherwise;
    }
    BigInteger value = new BigInteger(Values.text(n));
    if (value.compareTo(BigInteger.valueOf(min)) < 0
        || value.compareTo(BigInteger.valueOf(max)) > 0) {
      report.add(n, path(key), key + " must be from " + min + " to " + max + ", found " + value);
      return otherwise;
    }
    return value.intValueExact();
  }
}
