package dev.railyard.host.connectors;

import dev.railyard.api.platform.answers.ConnectorView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The restart history of one failed connector or task. Guarded by its own lock. */
final class TrackedFailure {

  private final Instant firstFailure;
  private final List<Long> backoffsMs = new ArrayList<>();
  private int attempts;
  private Instant lastRestart;
  private Instant nextAttempt;
  private Instant recoveredAt;
  private String state = "FAILED";

  TrackedFailure(Instant firstFailure) {
    this.firstFailure = firstFailure;
  }

  synchronized int attempts() {
    return attempts;
  }

  /** True when the backoff since the last failure has passed; schedules it on first sight. */
  synchronized boolean due(Instant now, RestartPolicy policy) {
    recoveredAt = null;
    state = "WAITING";
    if (nextAttempt == null) {
      Duration wait = policy.backoff(attempts);
      backoffsMs.add(wait.toMillis());
      nextAttempt = now.plus(wait);
    }
    return !now.isBefore(nextAttempt);
  }

  synchronized void restarted(Instant now) {
    attempts++;
    lastRestart = now;
    nextAttempt = null;
    state = "RESTARTING";
  }

  /** Notes that the unit runs again; returns since when. */
  synchronized Instant recovered(Instant now, String connectState) {
    if (recoveredAt == null && "RUNNING".equals(connectState)) {
      recoveredAt = now;
      state = "RECOVERED";
    }
    return recoveredAt == null ? now : recoveredAt;
  }

  synchronized ConnectorView.AutoRestart describe() {
    return new ConnectorView.AutoRestart(
        state,
        attempts,
        backoffsMs,
        firstFailure.toString(),
        lastRestart == null ? null : lastRestart.toString(),
        nextAttempt == null ? null : nextAttempt.toString(),
        recoveredAt == null ? null : recoveredAt.toString());
  }
}
