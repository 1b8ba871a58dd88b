package dev.railyard.host.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * What a command reads and writes: stdin (for {@code -f -}), stdout for results, stderr for
 * problems, and the environment ({@code RAILYARD_URL}). Passed in so tests run commands in-process.
 *
 * @param in stdin
 * @param out results
 * @param err problems and summaries
 * @param env environment variables, not null
 */
public record Terminal(InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {

  /** The process's own streams and environment. */
  public static Terminal system(PrintStream out, PrintStream err) {
    return new Terminal(System.in, out, err, System.getenv());
  }
}
