package dev.railyard.host.cli;

import java.util.List;

/**
 * Stops a command: {@link Cli#run} prints the problems (one per line, as {@code file:line:col
 * message} where known), then the one-line summary, to stderr and exits with the code.
 */
final class CliFailure extends RuntimeException {

  private final int exitCode;
  private final List<String> problems;

  CliFailure(int exitCode, String summary, List<String> problems) {
    super(summary, null, false, false);
    this.exitCode = exitCode;
    this.problems = List.copyOf(problems);
  }

  static CliFailure invalid(String summary) {
    return new CliFailure(ExitCodes.INVALID, summary, List.of());
  }

  int exitCode() {
    return exitCode;
  }

  List<String> problems() {
    return problems;
  }
}
