package dev.railyard.rules.pattern;

import java.util.Objects;

/**
 * One thing wrong with a pattern: where it is and what would be valid instead.
 *
 * <p>Immutable and thread-safe. {@code path} is the dotted path inside the pattern (empty for the
 * root, {@code $or[1]} for an {@code $or} branch), never null; {@code hint} says what is valid
 * there and may be empty, never null. Line and column are 1-based; 0 means unknown.
 *
 * @param line 1-based line of the offending token in the pattern text
 * @param column 1-based column of the offending token
 * @param path where in the pattern, e.g. {@code detail.amount}
 * @param message what is wrong
 * @param hint what would be valid
 */
public record Problem(int line, int column, String path, String message, String hint) {

  public Problem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(hint, "hint");
  }

  /** The problem as one line: {@code 3:14 detail.amount: message (hint)}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder().append(line).append(':').append(column).append(' ');
    if (!path.isEmpty()) {
      sb.append(path).append(": ");
    }
    sb.append(message);
    if (!hint.isEmpty()) {
      sb.append(" (").append(hint).append(')');
    }
    return sb.toString();
  }
}
