package dev.railyard.rules.yaml;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown by {@link LoadResult#rulesOrThrow()} for a file with problems. The message lists every
 * problem, one a line; {@link #problems()} holds them (never empty, immutable).
 */
public final class RuleFileException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  RuleFileException(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  /** Every problem of the file, in file order. */
  public List<Problem> problems() {
    return problems;
  }
}
