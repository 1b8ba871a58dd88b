package dev.railyard.host.workers;

import dev.railyard.api.platform.WorkerControl.WorkerInfo;
import dev.railyard.embedded.worker.WorkerProcess;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** One place in the pool: its current process, its state and how often it was restarted. */
final class WorkerSlot {

  enum State {
    STARTING,
    RUNNING,
    RESTARTING,
    STOPPING,
    STOPPED
  }

  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final int index;
  private final String name;
  private final Function<String, WorkerProcess> launcher;
  private final BiConsumer<WorkerSlot, Integer> onUnexpectedExit;
  private volatile WorkerProcess process;
  private volatile State state = State.STARTING;
  private volatile int restarts;
  private volatile int consecutiveFailures;

  WorkerSlot(
      int index,
      Function<String, WorkerProcess> launcher,
      BiConsumer<WorkerSlot, Integer> onUnexpectedExit) {
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
    WorkerProcess p = process;
    return p == null ? -1 : p.pid();
  }

  String restUrl() {
    WorkerProcess p = process;
    return p == null ? null : p.restUrl();
  }

  synchronized void start() {
    state = State.STARTING;
    WorkerProcess p = launcher.apply(name);
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
    start();
    state = State.RESTARTING;
    awaitReady(timeout);
  }

  void stop(Duration timeout) {
    state = State.STOPPING;
    WorkerProcess p = process;
    if (p != null) {
      p.stop(timeout);
    }
    state = State.STOPPED;
  }

  void kill() {
    WorkerProcess p = process;
    if (p != null) {
      p.kill();
    }
  }

  Duration nextBackoff() {
    long millis = Math.min(MAX_BACKOFF.toMillis(), 500L << Math.min(consecutiveFailures, 10));
    consecutiveFailures++;
    return Duration.ofMillis(millis);
  }

  private void exited(WorkerProcess p, int code) {
    if (p != process || state == State.STOPPING || state == State.STOPPED) {
      return;
    }
    state = State.RESTARTING;
    onUnexpectedExit.accept(this, code);
  }

  WorkerInfo info() {
    WorkerProcess p = process;
    return new WorkerInfo(
        name,
        p == null ? null : p.workerId(),
        restUrl(),
        state.name(),
        pid(),
        p == null ? null : p.startedAt(),
        restarts);
  }
}
