package dev.railyard.rules.pattern;

import java.util.List;

/**
 * Thrown by {@link Pattern#compile(String)} when a pattern is invalid. The message starts with the
 * first problem's line, column and path; {@link #problems()} holds all of them (never empty,
 * immutable). Immutable and thread-safe.
 */
public final class PatternException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  PatternException(List<Problem> problems) {
    super(describe(problems));
    this.problems = List.copyOf(problems);
  }

  /** All problems found, in the order they occur in the text; never empty. */
  public List<Problem> problems() {
    return problems;
  }

  private static String describe(List<Problem> problems) {
    if (problems.size() == 1) {
      return problems.get(0).toString();
    }
    return problems.get(0) + " (and " + (problems.size() - 1) + " more)";
  }
}
