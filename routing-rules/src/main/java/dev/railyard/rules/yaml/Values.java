package dev.railyard.rules.yaml;

import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Type tests and descriptions of YAML nodes, under the YAML 1.2 JSON schema the loader uses: plain
 * {@code true}, {@code false}, {@code null} and JSON numbers are typed, every other scalar is a
 * string. Stateless.
 */
final class Values {

  private static final int SHOWN_CHARS = 40;
  private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
  private static final Pattern NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]*)?([eE][-+]?[0-9]+)?");

  private Values() {}

  static boolean isString(Node node) {
    return node instanceof ScalarNode && Tag.STR.equals(node.getTag());
  }

  /**
   * A boolean; an explicit {@code !!bool} tag on other text than true or false does not make one.
   */
  static boolean isBoolean(Node node) {
    return node instanceof ScalarNode s
        && Tag.BOOL.equals(s.getTag())
        && (s.getValue().equals("true") || s.getValue().equals("false"));
  }

  /** An integer in JSON syntax, whether typed by the schema or by an explicit {@code !!int} tag. */
  static boolean isInteger(Node node) {
    return node instanceof ScalarNode s
        && Tag.INT.equals(s.getTag())
        && INTEGER.matcher(s.getValue()).matches();
  }

  /** A number in JSON syntax (YAML's {@code 1.} counts, as the JSON schema types it a float). */
  static boolean isNumber(Node node) {
    return node instanceof ScalarNode s
        && (Tag.INT.equals(s.getTag()) || Tag.FLOAT.equals(s.getTag()))
        && NUMBER.matcher(s.getValue()).matches();
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
  }

  static String text(Node node) {
    return ((ScalarNode) node).getValue();
  }

  /** {@code expected <expected>, found <what node is>}. */
  static String expected(String expected, Node found) {
    return "expected " + expected + ", found " + describe(found);
  }

  /**
   * What a node is, for messages: {@code a mapping}, {@code the integer 5}, {@code the string
   * 'yes'}.
   */
  static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a sequence";
    }
    Tag tag = node.getTag();
    String text = shown(((ScalarNode) node).getValue());
    if (Tag.STR.equals(tag)) {
      return "the string '" + text + "'";
    }
    if (isInteger(node)) {
      return "the integer " + text;
    }
    if (isNumber(node)) {
      return "the number " + text;
    }
    if (isBoolean(node)) {
      return "the boolean " + text;
    }
    if (Tag.NULL.equals(tag)) {
      return "nothing (null)";
    }
    return "'" + text + "' tagged " + tag.getValue().replace("tag:yaml.org,2002:", "!!");
  }

  private static String shown(String text) {
    return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "...";
  }
}
