package dev.railyard.host.workers;

import dev.railyard.worker.WorkerMain;
import java.time.Duration;
import java.util.List;

/**
 * Whether a worker JVM that exited unexpectedly is worth starting again. A JVM that refused its
 * options, could not find its main class or was handed invalid worker properties fails the same way
 * every time: restarting it only fills the log. A pure function of the exit, table-tested.
 *
 * @param restart true to start it again, false to mark it failed
 * @param reason why, for the log and the API
 */
record ExitVerdict(boolean restart, String reason) {

  /** A JVM that exits later than this after its start did get going; it may do better next time. */
  static final Duration EARLY_EXIT = Duration.ofSeconds(30);

  // what the java launcher prints when its own options or main class are wrong
  private static final List<String> LAUNCHER_ERRORS =
      List.of(
          "Unrecognized VM option",
          "Unrecognized option:",
          "Improperly specified VM option",
          "Could not create the Java Virtual Machine",
          "Could not find or load main class",
          "Unable to initialize main class",
          "Invalid initial heap size",
          "Invalid maximum heap size");

  /**
   * @param exitCode the JVM's exit code
   * @param announced whether it had announced its REST URL before it exited
   * @param uptime how long it ran
   * @param stderrTail the last lines it wrote to standard error, never null
   */
  static ExitVerdict of(int exitCode, boolean announced, Duration uptime, String stderrTail) {
    if (announced || exitCode == 0) {
      return new ExitVerdict(true, "it exited with code " + exitCode + " after it had started");
    }
    if (exitCode == WorkerMain.EXIT_INVALID_CONFIG) {
      return new ExitVerdict(
          false, "its worker properties are invalid (exit code " + exitCode + ")");
    }
    if (uptime.compareTo(EARLY_EXIT) > 0) {
      return new ExitVerdict(true, "it exited with code " + exitCode + " while starting");
    }
    for (String error : LAUNCHER_ERRORS) {
      if (stderrTail.contains(error)) {
        return new ExitVerdict(
            false, "the JVM refused its options or main class (\"" + error + "\")");
      }
    }
    return new ExitVerdict(true, "it exited with code " + exitCode + " before it started");
  }
}
