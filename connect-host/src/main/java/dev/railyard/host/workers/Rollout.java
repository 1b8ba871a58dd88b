package dev.railyard.host.workers;

import dev.railyard.api.platform.WorkerControl.RolloutInfo;
import java.time.Instant;
import java.util.UUID;

/** The progress of one rolling restart. Thread-safe. */
final class Rollout {

  enum State {
    PENDING,
    RUNNING,
    DONE,
    FAILED
  }

  private final String id = UUID.randomUUID().toString().substring(0, 8);
  private final Instant startedAt = Instant.now();
  private String reason;
  private State state = State.PENDING;
  private int replaced;
  private int total;
  private String message = "waiting for the worker pool";
  private Instant finishedAt;

  Rollout(String reason) {
    this.reason = reason;
  }

  synchronized boolean pending() {
    return state == State.PENDING;
  }

  synchronized void alsoFor(String more) {
    if (!reason.contains(more)) {
      reason = reason + "; " + more;
    }
  }

  synchronized void running(int workers) {
    state = State.RUNNING;
    total = workers;
    message = "replacing " + workers + " worker(s)";
  }

  synchronized void step(String what) {
    message = what;
  }

  synchronized void replaced() {
    replaced++;
  }

  synchronized void done() {
    state = State.DONE;
    message = "replaced " + replaced + " worker(s)";
    finishedAt = Instant.now();
  }

  synchronized void failed(String why) {
    state = State.FAILED;
    message = why;
    finishedAt = Instant.now();
  }

  synchronized RolloutInfo info() {
    return new RolloutInfo(
        id, state.name(), reason, replaced, total, message, startedAt, finishedAt);
  }
}
