package dev.railyard.host.workers;

import dev.railyard.api.platform.WorkerControl;
import dev.railyard.autoscale.actuate.WorkerActuator;
import dev.railyard.embedded.worker.WorkerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connect workers as child processes of the control plane, all in one Connect group. Scaling runs
 * one request at a time; a worker that dies without being asked to is restarted with a growing
 * backoff. Thread-safe.
 */
public final class WorkerPool implements WorkerControl, WorkerActuator, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);
  static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private final Function<String, WorkerHandle> launcher;
  private final Path logDir;
  private final int maxWorkers;
  private final ConcurrentSkipListMap<Integer, WorkerSlot> slots = new ConcurrentSkipListMap<>();
  private final ExecutorService scaler =
      Executors.newSingleThreadExecutor(r -> daemon(r, "scaler"));
  private final ScheduledExecutorService restarter =
      Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "restarter"));
  private volatile int desired = -1; // the last count scaleTo accepted; -1: as launched
  private volatile Rollout latestRollout;
  private volatile boolean closed;
  private volatile boolean stopped;

  /**
   * @param workerProperties the Connect properties every worker gets
   * @param runDir where the workers' properties files go
   * @param logDir where their logs go
   * @param jvmOptions JVM options of each worker
   * @param maxWorkers the largest count {@link #scaleTo} accepts
   * @param secretsEnvironment names of the environment variables the workers get besides the few a
   *     JVM needs ({@code secrets.env.pattern})
   */
  public WorkerPool(
      Map<String, String> workerProperties,
      Path runDir,
      Path logDir,
      List<String> jvmOptions,
      int maxWorkers,
      Pattern secretsEnvironment) {
    this(
        name ->
            WorkerHandle.of(
                WorkerProcess.launch(
                    name,
                    Map.copyOf(workerProperties),
                    runDir,
                    logDir,
                    List.copyOf(jvmOptions),
                    secretsEnvironment)),
        logDir,
        maxWorkers);
  }

  /**
   * @param launcher starts the worker of a given name; for tests, a worker in memory
   */
  WorkerPool(Function<String, WorkerHandle> launcher, Path logDir, int maxWorkers) {
    this.launcher = launcher;
    this.logDir = logDir;
    this.maxWorkers = maxWorkers;
  }

  @Override
  public List<WorkerInfo> workers() {
    return slots.values().stream().map(WorkerSlot::info).toList();
  }

  @Override
  public int minWorkers() {
    return 0;
  }

  @Override
  public int maxWorkers() {
    return maxWorkers;
  }

  @Override
  public Optional<String> connectRestUrl() {
    return slots.values().stream()
        .filter(s -> s.state() == WorkerSlot.State.RUNNING)
        .map(WorkerSlot::restUrl)
        .filter(u -> u != null)
        .findFirst();
  }

  /** The workers that failed on a configuration error, each with why; empty when none did. */
  public List<String> failures() {
    return slots.values().stream()
        .filter(s -> s.state() == WorkerSlot.State.FAILED)
        .map(s -> s.name() + " " + s.lastError())
        .toList();
  }

  /** How many workers are running and ready. */
  public long runningCount() {
    return slots.values().stream().filter(s -> s.state() == WorkerSlot.State.RUNNING).count();
  }

  @Override
  public int currentWorkers() {
    return (int) runningCount();
  }

  /** Before the first scaleTo, the workers launched (a rolling restart's replacement included). */
  @Override
  public int desiredWorkers() {
    int count = desired;
    return count < 0 ? slots.size() : count;
  }

  @Override
  public CompletionStage<List<WorkerInfo>> scaleTo(int count) {
    if (count < minWorkers() || count > maxWorkers) {
      throw new IllegalArgumentException(
          "count must be between " + minWorkers() + " and " + maxWorkers + ", not " + count);
    }
    desired = count;
    return CompletableFuture.supplyAsync(
        () -> {
          scaleNow(count);
          return workers();
        },
        scaler);
  }

  @Override
  public synchronized RolloutInfo rollingRestart(String reason) {
    Rollout latest = latestRollout;
    if (latest != null && latest.pending()) {
      latest.alsoFor(reason);
      return latest.info();
    }
    Rollout rollout = new Rollout(reason);
    latestRollout = rollout;
    log.info("Rolling restart of the workers requested: {}", reason);
    scaler.execute(() -> roll(rollout));
    return rollout.info();
  }

  @Override
  public Optional<RolloutInfo> rollout() {
    Rollout latest = latestRollout;
    return latest == null ? Optional.empty() : Optional.of(latest.info());
  }

  // One old worker at a time: its replacement is running before it leaves, so the group never
  // shrinks below its size and connectors keep a worker to move to.
  private void roll(Rollout rollout) {
    List<WorkerSlot> old = List.copyOf(slots.values());
    rollout.running(old.size());
    try {
      for (WorkerSlot slot : old) {
        if (closed) {
          rollout.failed("the platform is stopping");
          return;
        }
        int index = nextFreeIndex();
        rollout.step("starting worker-" + index + " to replace " + slot.name());
        launch(slots.size() + 1).awaitReady();
        rollout.step("stopping " + slot.name());
        slot.stop(STOP_TIMEOUT);
        slots.remove(slot.index());
        rollout.replaced();
        log.info("Rolling restart: worker-{} replaced {}", index, slot.name());
      }
      rollout.done();
    } catch (RuntimeException e) {
      log.error("Rolling restart failed: {}", e.getMessage());
      rollout.failed(e.getMessage());
    }
  }

  /** Scales to {@code count} and waits for it; for start-up. */
  public void scaleNow(int count) {
    if (closed) {
      throw new IllegalStateException("the worker pool is stopped");
    }
    int current = slots.size();
    if (count > current) {
      launch(count).awaitReady();
      log.info("Scaled workers from {} to {}", current, count);
    } else if (count < current) {
      List<WorkerSlot> leaving =
          slots.descendingMap().values().stream().limit(current - count).toList();
      leaving.parallelStream().forEach(s -> s.stop(STOP_TIMEOUT));
      leaving.forEach(s -> slots.remove(s.index()));
      log.info("Scaled workers from {} to {}", current, count);
    }
  }

  /**
   * Launches workers until {@code count} exist, without waiting for them to be ready, so they can
   * start while the broker does; {@link Launch#awaitReady} waits.
   *
   * @return the workers it launched, to wait for with {@link Launch#awaitReady}
   */
  public synchronized Launch launch(int count) {
    List<WorkerSlot> launched = new ArrayList<>();
    for (int i = slots.size(); i < count; i++) {
      WorkerSlot slot = new WorkerSlot(nextFreeIndex(), this::startProcess, this::onUnexpectedExit);
      slots.put(slot.index(), slot);
      slot.start();
      launched.add(slot);
    }
    return new Launch(launched);
  }

  /** Workers launched together by {@link #launch}. */
  public static final class Launch {
    private final List<WorkerSlot> slots;

    private Launch(List<WorkerSlot> slots) {
      this.slots = List.copyOf(slots);
    }

    /**
     * Waits until these workers are ready; throws if one fails to start or has already failed on a
     * configuration error. One that crashed since and is being restarted is not waited for.
     */
    public void awaitReady() {
      slots.stream()
          .filter(
              s -> s.state() == WorkerSlot.State.STARTING || s.state() == WorkerSlot.State.FAILED)
          .toList()
          .parallelStream()
          .forEach(s -> s.awaitReady(READY_TIMEOUT));
    }
  }

  private WorkerHandle startProcess(String name) {
    return launcher.apply(name);
  }

  private void onUnexpectedExit(WorkerSlot slot, ExitVerdict verdict) {
    if (closed) {
      return;
    }
    if (!verdict.restart()) {
      log.error(
          "Worker {} (pid {}) {}; not restarting it until the configuration is fixed; see {}",
          slot.name(),
          slot.pid(),
          slot.lastError(),
          logDir.resolve(slot.name() + ".stderr"));
      return;
    }
    Duration backoff = slot.nextBackoff();
    log.warn(
        "Worker {} (pid {}) {}; restarting it in {} ms (restart #{}); see {}",
        slot.name(),
        slot.pid(),
        slot.lastError(),
        backoff.toMillis(),
        slot.restarts() + 1,
        logDir.resolve(slot.name() + ".log"));
    restarter.schedule(() -> restart(slot), backoff.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void restart(WorkerSlot slot) {
    if (closed || slots.get(slot.index()) != slot) {
      return;
    }
    try {
      slot.restart(READY_TIMEOUT);
      log.info("Worker {} restarted (pid {})", slot.name(), slot.pid());
    } catch (RuntimeException e) {
      // its exit, now or after this kill, schedules the next attempt
      log.error("Worker {} failed to restart: {}", slot.name(), e.getMessage());
      slot.kill();
    }
  }

  private int nextFreeIndex() {
    int i = 1;
    while (slots.containsKey(i)) {
      i++;
    }
    return i;
  }

  /**
   * From now on a worker that exits is not restarted: the platform is stopping, and a worker may
   * get the terminal's Ctrl-C before its turn to be stopped comes.
   */
  public void beginShutdown() {
    closed = true;
  }

  /** Stops every worker gracefully, in parallel. Idempotent. */
  @Override
  public synchronized void close() {
    if (stopped) {
      return;
    }
    stopped = true;
    closed = true;
    scaler.shutdownNow();
    restarter.shutdownNow();
    slots.values().parallelStream().forEach(s -> s.stop(STOP_TIMEOUT));
    slots.clear();
  }

  /** Kills a worker as a crash would; for fault tests and the chaos button of the future. */
  public void kill(String name) {
    slots.values().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no worker named " + name))
        .kill();
  }

  private static Thread daemon(Runnable r, String role) {
    Thread t = new Thread(r, "railyard-workers-" + role);
    t.setDaemon(true);
    return t;
  }
}
