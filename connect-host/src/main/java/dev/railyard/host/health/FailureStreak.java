package dev.railyard.host.health;

import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * A task that runs again and again (a poll, a refresh) and may fail each time: the first failure of
 * a streak is logged at WARN with its reason, the next ones only at debug, and the first success
 * after them at INFO, so a broker that is away for an hour costs two log lines, not 720. The last
 * failure stays readable for {@code /health} until the task succeeds again. Thread-safe.
 */
public final class FailureStreak {

  private final Logger log;
  private final String what;
  private volatile Streak current;

  /** What failed, since when, how often and why, the reason being the latest one. */
  public record Streak(Instant since, int failures, String reason) {}

  /**
   * @param log the logger of the class whose task this is
   * @param what the task as a log line names it, e.g. "Reading the target figures"
   */
  public FailureStreak(Logger log, String what) {
    this.log = log;
    this.what = what;
  }

  /** Notes a failure; logs it at WARN when it begins a streak. */
  public synchronized void failed(String reason) {
    Streak streak = current;
    if (streak == null) {
      current = new Streak(Instant.now(), 1, reason);
      log.warn("{} failed: {} (logged again when it recovers)", what, reason);
    } else {
      current = new Streak(streak.since(), streak.failures() + 1, reason);
      log.debug("{} failed again: {}", what, reason);
    }
  }

  /** Notes a success; logs at INFO when it ends a streak. */
  public synchronized void succeeded() {
    Streak streak = current;
    if (streak != null) {
      current = null;
      log.info(
          "{} works again after {} failure(s) since {}", what, streak.failures(), streak.since());
    }
  }

  /** The streak going on, or empty when the last run succeeded (or none ran yet). */
  public Optional<Streak> current() {
    return Optional.ofNullable(current);
  }

  /** The streak as one line for {@code /health}, or empty when there is none. */
  public Optional<String> describe() {
    return current()
        .map(
            s ->
                what
                    + " has failed "
                    + s.failures()
                    + " time(s) since "
                    + s.since()
                    + ": "
                    + s.reason());
  }
}
