package dev.railyard.rules.yaml;

import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Type tests and descriptions of YAML nodes, under the YAML 1.2 JSON schema the loader uses: plain {@code true},
 * {@code false}, {@code null} and JSON numbers are typed, every other scalar is a string. Stateless.
 */
final class Values {

    private static final int SHOWN_CHARS = 40;

    private Values() {
    }

    static boolean isString(Node node) {
        return node instanceof ScalarNode && Tag.STR.equals(node.getTag());
    }

    static boolean isBoolean(Node node) {
        return node instanceof ScalarNode && Tag.BOOL.equals(node.getTag());
    }

    static boolean isInteger(Node node) {
        return node instanceof ScalarNode && Tag.INT.equals(node.getTag());
    }

    static boolean isNumber(Node node) {
        return node instanceof ScalarNode && (Tag.INT.equals(node.getTag()) || Tag.FLOAT.equals(node.getTag()));
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

    /** What a node is, for messages: {@code a mapping}, {@code the integer 5}, {@code the string 'yes'}. */
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
        if (Tag.INT.equals(tag)) {
            return "the integer " + text;
        }
        if (Tag.FLOAT.equals(tag)) {
            return "the number " + text;
        }
        if (Tag.BOOL.equals(tag)) {
            return "the boolean " + text;
        }
        if (Tag.NULL.equals(tag)) {
            return "nothing (null)";
        }
        return "a value tagged " + tag.getValue();
    }

    private static String shown(String text) {
        return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "...";
    }
}
