package dev.railyard.rules.yaml;

import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Finds the line and column of a character inside a scalar's value, for single-line plain and
 * quoted scalars without escapes and for literal block scalars ({@code |}); anything else falls
 * back to the scalar's start. Stateless.
 */
final class ScalarPositions {

  private ScalarPositions() {}

  /** Adds a problem at the 0-based {@code offset} inside {@code node}'s value. */
  static void report(Report report, ScalarNode node, int offset, String path, String message) {
    int[] at = locate(report, node, offset);
    if (at == null) {
      report.add(node, path, message);
    } else {
      report.add(at[0], at[1], path, message);
    }
  }

  /** 1-based {line, column}, or null when the scalar's layout does not allow an exact answer. */
  private static int[] locate(Report report, ScalarNode node, int offset) {
    Mark start = node.getStartMark().orElse(null);
    Mark end = node.getEndMark().orElse(null);
    if (start == null || end == null || offset < 0 || offset > node.getValue().length()) {
      return null;
    }
    ScalarStyle style = node.getScalarStyle();
    if (style == ScalarStyle.LITERAL) {
      return inLiteral(report, node.getValue(), start, offset);
    }
    int quotes = style == ScalarStyle.PLAIN ? 0 : 1;
    boolean verbatim =
        style == ScalarStyle.PLAIN
            || style == ScalarStyle.SINGLE_QUOTED
            || style == ScalarStyle.DOUBLE_QUOTED;
    boolean oneLine =
        start.getLine() == end.getLine()
            && end.getColumn() - start.getColumn() == node.getValue().length() + 2 * quotes;
    if (!verbatim || !oneLine) {
      return null;
    }
    return new int[] {start.getLine() + 1, start.getColumn() + 1 + quotes + offset};
  }

  private static int[] inLiteral(Report report, String value, Mark start, int offset) {
    int lineInValue = 0;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (value.charAt(i) == '\n') {
        lineInValue++;
        lineStart = i + 1;
      }
    }
    int lineEnd = value.indexOf('\n', lineStart);
    String valueLine = value.substring(lineStart, lineEnd < 0 ? value.length() : lineEnd);
    int index = start.getLine() + 1 + lineInValue;
    String raw = report.line(index);
    if (raw == null
        || !raw.endsWith(valueLine)
        || !raw.substring(0, raw.length() - valueLine.length()).isBlank()) {
      return null;
    }
    int indent = raw.length() - valueLine.length();
    return new int[] {index + 1, indent + 1 + offset - lineStart};
  }
}
