package dev.railyard.autoscale.control;

import dev.railyard.autoscale.actuate.TaskActuator;
import dev.railyard.autoscale.actuate.WorkerActuator;
import dev.railyard.autoscale.collect.Collector;
import dev.railyard.autoscale.policy.ClusterSnapshot;
import dev.railyard.autoscale.policy.Decision;
import dev.railyard.autoscale.policy.Decision.Cause;
import dev.railyard.autoscale.policy.Decision.TaskChange;
import dev.railyard.autoscale.policy.PolicyMemory;
import dev.railyard.autoscale.policy.PolicySettings;
import dev.railyard.autoscale.policy.ScalingPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The autoscaler: every {@link PolicySettings#interval()}, {@link #step} collects a snapshot,
 * decides with {@link ScalingPolicy} and acts — task changes through the {@link TaskActuator}, the
 * worker count through the {@link WorkerActuator}. The policy makes one change a step; while others
 * wait their turn the next step comes after {@link #FOLLOW_UP} instead of an interval. Steps run
 * one at a time on one thread. A worker change that fails is retried with a growing backoff (10 s
 * doubling to 5 min) and never counted as capacity: the policy sees only running workers. When the
 * policy is disabled it still decides and records, but changes nothing. Thread-safe.
 */
public final class Autoscaler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Autoscaler.class);
  static final int TIMELINE_SIZE = 1000;
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(10);
  static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
  private static final long TASK_CHANGE_TIMEOUT_S = 30;

  /**
   * How soon the next step comes when a change waits for its turn ({@link Decision#pending()}):
   * each change is one rebalance, so the next goes as soon as Connect shows this one done rather
   * than a whole interval later.
   */
  static final Duration FOLLOW_UP = Duration.ofSeconds(1);

  /** What a change is about: the workers, or a connector by name. */
  public static final String WORKERS = "workers";

  /**
   * One entry of the timeline: a change decided, and what came of it; also a hold, when its reason
   * is new.
   *
   * @param id increasing, to page with
   * @param at when it was decided
   * @param target {@link #WORKERS} or a connector name
   * @param from the count before
   * @param to the count decided
   * @param cause why
   * @param reason the policy's words
   * @param outcome {@code applied}, {@code not applied: ...}, {@code failed: ...}, {@code held},
   *     {@code queued} (another change goes first)
   */
  public record Entry(
      long id,
      Instant at,
      String target,
      int from,
      int to,
      Cause cause,
      String reason,
      String outcome) {}

  private final Collector collector;
  private final WorkerActuator workers;
  private final TaskActuator tasks;
  private final Clock clock;
  private final Listener listener;
  private final ScheduledExecutorService loop =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "railyard-autoscaler");
            t.setDaemon(true);
            return t;
          });
  private final AtomicLong ids = new AtomicLong();
  private final Deque<Entry> timeline = new ArrayDeque<>();
  private final Map<String, Entry> lastByTarget = new HashMap<>();
  private volatile PolicySettings settings;
  private volatile ClusterSnapshot latest;
  private volatile Decision decision;
  private PolicyMemory memory = PolicyMemory.EMPTY;
  private ScheduledFuture<?> scheduled;
  private volatile CompletableFuture<?> workerChange = CompletableFuture.completedFuture(null);
  private volatile Instant workerRetryAt = Instant.MIN;
  private volatile Duration workerBackoff = Duration.ZERO;
  private volatile String workerFailure;

  /** Told what the autoscaler does, on its thread (for metrics). */
  @FunctionalInterface
  public interface Listener {
    /** A timeline entry was added. */
    void onEntry(Entry entry);

    /** A step collected {@code snapshot} and decided {@code decision}. */
    default void onStep(ClusterSnapshot snapshot, Decision decision) {}
  }

  /**
   * @param listener told of every step and timeline entry
   */
  public Autoscaler(
      Collector collector,
      WorkerActuator workers,
      TaskActuator tasks,
      PolicySettings settings,
      Clock clock,
      Listener listener) {
    this.collector = collector;
    this.workers = workers;
    this.tasks = tasks;
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = clock;
    this.listener = listener;
  }

  /** Starts stepping every interval. */
  public synchronized void start() {
    schedule();
  }

  private void schedule() {
    schedule(settings.interval());
  }

  private synchronized void schedule(Duration in) {
    if (scheduled != null) {
      scheduled.cancel(false);
    }
    try {
      scheduled = loop.schedule(this::tick, in.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // closed meanwhile: no more steps
    }
  }

  private void tick() {
    safeStep();
    schedule(nextStepIn());
  }

  /**
   * When the loop steps next after the last step: {@link #FOLLOW_UP} while a change waits for its
   * turn, the interval otherwise.
   */
  public Duration nextStepIn() {
    Decision d = decision;
    return d != null && d.pending() && settings.enabled() ? FOLLOW_UP : settings.interval();
  }

  /** The policy in force. */
  public PolicySettings settings() {
    return settings;
  }

  /** Puts {@code next} in force from the next step on (at once for a new interval). */
  public synchronized void update(PolicySettings next) {
    PolicySettings before = settings;
    settings = Objects.requireNonNull(next, "next");
    log.info("Autoscale policy changed: {}", next);
    if (scheduled != null && !before.interval().equals(next.interval())) {
      schedule();
    }
  }

  /** The latest snapshot, once there is one. */
  public Optional<ClusterSnapshot> latest() {
    return Optional.ofNullable(latest);
  }

  /** The latest decision, once there is one. */
  public Optional<Decision> decision() {
    return Optional.ofNullable(decision);
  }

  /** Why the last worker change failed, while it is being retried. */
  public Optional<String> workerFailure() {
    return Optional.ofNullable(workerFailure);
  }

  /** The timeline entries after {@code since} (all when null), oldest first. */
  public List<Entry> timeline(Instant since) {
    synchronized (timeline) {
      return timeline.stream().filter(e -> since == null || e.at().isAfter(since)).toList();
    }
  }

  private void safeStep() {
    try {
      step();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("Autoscale step failed: {}", e.toString(), e);
    }
  }

  /** One step: collect, decide, act. For the loop, and for tests that drive it by hand. */
  public void step() throws InterruptedException {
    PolicySettings s = settings;
    ClusterSnapshot snapshot = collector.collect(s);
    Decision d = ScalingPolicy.decide(snapshot, s, memory);
    memory = d.memory();
    latest = snapshot;
    decision = d;
    for (TaskChange c : d.tasks()) {
      if (c.changes()) {
        changeTasks(c, s);
      } else if (c.cause() == Cause.HOLD || c.cause() == Cause.QUEUED) {
        record(c.connector(), c.current(), c.desired(), c.cause(), c.reason(), held(c.cause()));
      }
    }
    changeWorkers(d.workers(), s);
    listener.onStep(snapshot, d);
  }

  private void changeTasks(TaskChange c, PolicySettings s) {
    if (!s.enabled()) {
      record(
          c.connector(),
          c.current(),
          c.desired(),
          c.cause(),
          c.reason(),
          "not applied: autoscale.enabled=false");
      return;
    }
    String outcome;
    try {
      tasks
          .setTasks(c.connector(), c.desired())
          .toCompletableFuture()
          .get(TASK_CHANGE_TIMEOUT_S, TimeUnit.SECONDS);
      outcome = "applied";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = "failed: interrupted";
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      outcome =
          cause instanceof TaskActuator.NoSuchConnector
              ? "skipped: the connector was deleted"
              : "failed: " + message(cause);
    } catch (java.util.concurrent.TimeoutException e) {
      outcome = "failed: Kafka Connect did not answer within " + TASK_CHANGE_TIMEOUT_S + " s";
    }
    record(c.connector(), c.current(), c.desired(), c.cause(), c.reason(), outcome);
  }

  private void changeWorkers(Decision.WorkerChange w, PolicySettings s) {
    int heading = workers.desiredWorkers();
    if (w.desired() == heading) {
      if (w.cause() == Cause.HOLD || w.cause() == Cause.QUEUED) {
        record(WORKERS, w.current(), w.desired(), w.cause(), w.reason(), held(w.cause()));
      }
      return;
    }
    String notNow = whyNotNow(s);
    if (notNow != null) {
      record(WORKERS, heading, w.desired(), w.cause(), w.reason(), "not applied: " + notNow);
      return;
    }
    int count = Math.max(workers.minWorkers(), Math.min(workers.maxWorkers(), w.desired()));
    CompletableFuture<?> change;
    try {
      change = workers.scaleTo(count).toCompletableFuture();
    } catch (IllegalArgumentException e) {
      record(WORKERS, heading, count, w.cause(), w.reason(), "failed: " + e.getMessage());
      return;
    }
    workerChange = change;
    record(WORKERS, heading, count, w.cause(), w.reason(), "applied");
    change.whenComplete(
        (ok, failure) -> {
          if (failure == null) {
            workerBackoff = Duration.ZERO;
            workerFailure = null;
            return;
          }
          Duration next = workerBackoff.isZero() ? FIRST_BACKOFF : workerBackoff.multipliedBy(2);
          workerBackoff = next.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : next;
          workerRetryAt = clock.instant().plus(workerBackoff);
          workerFailure =
              message(
                  failure instanceof CompletionException && failure.getCause() != null
                      ? failure.getCause()
                      : failure);
          log.warn(
              "Scaling the workers to {} failed: {}; retrying in {} s",
              count,
              workerFailure,
              workerBackoff.toSeconds());
          record(
              WORKERS,
              heading,
              count,
              w.cause(),
              w.reason(),
              "failed: " + workerFailure + "; retrying in " + workerBackoff.toSeconds() + " s");
        });
  }

  /** Why a worker change may not start now, or null when it may. */
  private String whyNotNow(PolicySettings s) {
    if (!s.enabled()) {
      return "autoscale.enabled=false";
    }
    if (!workerChange.isDone()) {
      return "a worker change is under way";
    }
    if (clock.instant().isBefore(workerRetryAt)) {
      return "retrying after "
          + workerBackoff.toSeconds()
          + " s, the last change failed: "
          + workerFailure;
    }
    return null;
  }

  // adds an entry unless it repeats the last one of its target (a decision that stands)
  private void record(String target, int from, int to, Cause cause, String reason, String outcome) {
    Entry entry;
    synchronized (timeline) {
      Entry last = lastByTarget.get(target);
      if (last != null
          && last.from() == from
          && last.to() == to
          && last.cause() == cause
          && last.outcome().equals(outcome)) {
        return;
      }
      entry =
          new Entry(
              ids.incrementAndGet(), clock.instant(), target, from, to, cause, reason, outcome);
      lastByTarget.put(target, entry);
      timeline.addLast(entry);
      while (timeline.size() > TIMELINE_SIZE) {
        timeline.removeFirst();
      }
    }
    if (from != to && outcome.equals("applied")) {
      log.info("Autoscale #{} {}: {} → {} ({}): {}", entry.id(), target, from, to, cause, reason);
    } else if (outcome.startsWith("failed")) {
      log.warn("Autoscale #{} {}: {} → {} {}: {}", entry.id(), target, from, to, outcome, reason);
    } else {
      log.debug("Autoscale #{} {}: {}: {}", entry.id(), target, outcome, reason);
    }
    listener.onEntry(entry);
  }

  private static String held(Cause cause) {
    return cause == Cause.QUEUED ? "queued" : "held";
  }

  private static String message(Throwable t) {
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  @Override
  public void close() {
    loop.shutdownNow();
  }
}
