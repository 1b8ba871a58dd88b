package dev.railyard.host.cli;

import java.util.List;

/**
 * Runs one rule command and turns its outcome into an exit code: {@link CliFailure}s print their
 * problems and summary to stderr. Stateless.
 */
public final class Cli {

  /** The body of a command: writes its result and answers its exit code, or throws. */
  @FunctionalInterface
  public interface Command {
    int run(List<String> args, Terminal terminal);
  }

  private Cli() {}

  /** Runs {@code command}; never throws for a failure it can explain. */
  public static int run(Command command, List<String> args, Terminal terminal) {
    try {
      int code = command.run(args, terminal);
      terminal.out().flush();
      return code;
    } catch (CliFailure f) {
      terminal.out().flush();
      f.problems().forEach(terminal.err()::println);
      terminal.err().println("railyard: " + f.getMessage());
      terminal.err().flush();
      return f.exitCode();
    }
  }
}
