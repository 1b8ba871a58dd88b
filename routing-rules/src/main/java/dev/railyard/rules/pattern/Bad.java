package dev.railyard.rules.pattern;

/**
 * Aborts parsing of one value (or, with {@code fatal}, of the whole pattern) with the problem
 * found.
 */
final class Bad extends RuntimeException {

  private static final long serialVersionUID = 1L;

  final transient Problem problem;
  final boolean fatal;

  /**
   * event-ruler only fails on this when the field survives (is not replaced by a later duplicate
   * key).
   */
  final boolean deferred;

  Bad(Problem problem, boolean fatal) {
    this(problem, fatal, false);
  }

  Bad(Problem problem, boolean fatal, boolean deferred) {
    super(problem.message(), null, false, false);
    this.problem = problem;
    this.fatal = fatal;
    this.deferred = deferred;
  }
}
