package dev.railyard.host.rules;

import dev.railyard.api.platform.answers.ReplayView;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The progress of one replay. Thread-safe. */
final class Replay {

  enum State {
    RUNNING,
    DONE,
    FAILED
  }

  final String id = "replay-" + UUID.randomUUID().toString().substring(0, 8);
  final String rule;
  final List<String> targets;
  final Instant from;
  final Instant to;
  private final Instant startedAt = Instant.now();
  private State state = State.RUNNING;
  private long scanned;
  private long matched;
  private long delivered;
  private long failed;
  private String message = "reading the bus";
  private Instant finishedAt;

  Replay(String rule, List<String> targets, Instant from, Instant to) {
    this.rule = rule;
    this.targets = List.copyOf(targets);
    this.from = from;
    this.to = to;
  }

  synchronized void scanned(boolean match) {
    scanned++;
    if (match) {
      matched++;
    }
  }

  synchronized void delivered(long n) {
    delivered += n;
  }

  synchronized void transformFailed() {
    failed++;
  }

  /** Whether it is still reading or sending. */
  synchronized boolean running() {
    return state == State.RUNNING;
  }

  synchronized void done() {
    state = State.DONE;
    message = "replayed " + matched + " matching event(s) of " + scanned + " in the window";
    finishedAt = Instant.now();
  }

  synchronized void failed(String why) {
    state = State.FAILED;
    message = why;
    finishedAt = Instant.now();
  }

  synchronized ReplayView view() {
    return new ReplayView(
        id,
        rule,
        targets,
        from.toString(),
        to.toString(),
        state.name(),
        scanned,
        matched,
        delivered,
        failed,
        message,
        startedAt.toString(),
        finishedAt == null ? null : finishedAt.toString());
  }
}
