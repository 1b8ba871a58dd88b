package dev.railyard.host.workers;

import dev.railyard.api.platform.WorkerControl.WorkerInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** One place in the pool: its current process, its state and how often it was restarted. */
final class WorkerSlot {

  enum State {
    STARTING,
    RUNNING,
    RESTARTING,
    STOPPING,
    STOPPED,
    /** Its process exited on a configuration error; it is not restarted. */
    FAILED
  }

  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final int index;
  private final String name;
  private final Function<String, WorkerHandle> launcher;
  private final BiConsumer<WorkerSlot, ExitVerdict> onUnexpectedExit;
  private volatile WorkerHandle process;
  private volatile State state = State.STARTING;
  private volatile int restarts;
  private volatile int consecutiveFailures;
  private volatile String lastError;

  WorkerSlot(
      int index,
      Function<String, WorkerHandle> launcher,
      BiConsumer<WorkerSlot, ExitVerdict> onUnexpectedExit) {
    this.index = index;
    this.name = "worker-" + index;
    this.launcher = launcher;
    this.onUnexpectedExit = onUnexpectedExit;
  }

  int index() {
    return index;
  }

  String name() {
    return name;
  }

  State state() {
    return state;
  }

  int restarts() {
    return restarts;
  }

  long pid() {
    WorkerHandle p = process;
    return p == null ? -1 : p.pid();
  }

  /** Why its last process exited unexpectedly, with the end of its standard error, or null. */
  String lastError() {
    return lastError;
  }

  String restUrl() {
    WorkerHandle p = process;
    return p == null ? null : p.restUrl();
  }

  void start() {
    start(State.STARTING);
  }

  private synchronized void start(State initial) {
    state = initial;
    WorkerHandle p = launcher.apply(name);
    process = p;
    p.onExit().thenAccept(code -> exited(p, code));
  }

  void awaitReady(Duration timeout) {
    process.awaitReady(timeout);
    state = State.RUNNING;
    consecutiveFailures = 0;
  }

  void restart(Duration timeout) {
    restarts++;
    start(State.RESTARTING);
    awaitReady(timeout);
  }

  void stop(Duration timeout) {
    state = State.STOPPING;
    WorkerHandle p = process;
    if (p != null) {
      p.stop(timeout);
    }
    state = State.STOPPED;
  }

  void kill() {
    WorkerHandle p = process;
    if (p != null) {
      p.kill();
    }
  }

  Duration nextBackoff() {
    long millis = Math.min(MAX_BACKOFF.toMillis(), 500L << Math.min(consecutiveFailures, 10));
    consecutiveFailures++;
    return Duration.ofMillis(millis);
  }

  private void exited(WorkerHandle p, int code) {
    if (p != process || state == State.STOPPING || state == State.STOPPED) {
      return;
    }
    String tail = p.stderrTail();
    ExitVerdict verdict =
        ExitVerdict.of(
            code, p.hasAnnounced(), Duration.between(p.startedAt(), Instant.now()), tail);
    lastError =
        "exited with code "
            + code
            + ": "
            + verdict.reason()
            + (tail.isEmpty() ? "" : "; its standard error ends with:\n" + tail);
    state = verdict.restart() ? State.RESTARTING : State.FAILED;
    onUnexpectedExit.accept(this, verdict);
  }

  WorkerInfo info() {
    WorkerHandle p = process;
    return new WorkerInfo(
        name,
        p == null ? null : p.workerId(),
        restUrl(),
        state.name(),
        pid(),
        p == null ? null : p.startedAt(),
        restarts,
        lastError);
  }
}
