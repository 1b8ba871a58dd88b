package dev.railyard.host.cli;

/**
 * Exit codes of the rule commands ({@code apply}, {@code validate}, {@code rules}, {@code
 * test-pattern}): scripts retry on {@link #UNREACHABLE} and fix their input on {@link #INVALID}.
 */
public final class ExitCodes {

  /** The command did what was asked (for {@code test-pattern}: the event matches). */
  public static final int OK = 0;

  /**
   * The input was refused: bad flags, an unreadable or malformed local file, a 4xx answer (invalid
   * rules, unknown rule); for {@code test-pattern} also "does not match".
   */
  public static final int INVALID = 1;

  /** Railyard could not be asked: connection refused, timeout, or a 5xx answer. */
  public static final int UNREACHABLE = 2;

  private ExitCodes() {}
}
