package dev.railyard.autoscale.policy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the policy decided from one snapshot: tasks per connector and the worker count, each with a
 * reason a person can read, and what to remember for the next decision.
 *
 * @param at the snapshot's instant
 * @param tasks one entry per connector in the snapshot, in its order
 * @param workers the worker count
 * @param memory what the next {@link ScalingPolicy#decide} needs
 */
public record Decision(
    Instant at, List<TaskChange> tasks, WorkerChange workers, PolicyMemory memory) {

  public Decision {
    Objects.requireNonNull(at, "at");
    tasks = List.copyOf(tasks);
    Objects.requireNonNull(workers, "workers");
    Objects.requireNonNull(memory, "memory");
  }

  /** Why a count stays or changes, for the timeline and the metrics. */
  public enum Cause {
    /** Lag or arrivals need more. */
    DEMAND_UP,
    /** Demand has been lower for the stabilization window. */
    DEMAND_DOWN,
    /** The rate is not measured yet and lag builds up: doubling. */
    UNMEASURED,
    /** The count is where demand puts it. */
    STEADY,
    /** Demand is lower, but not yet for the whole window. */
    STABILIZING,
    /** Workers are CPU-bound. */
    CPU,
    /** The reserved count or the schedule raises it. */
    RESERVED,
    /** The connector opted out, is not running, or is a source: left alone. */
    LEFT_ALONE,
    /** Data is missing or a change is still under way: hold. */
    HOLD,
    /**
     * Wanted, but another change goes first: each change is a rebalance of the Connect group, so a
     * step makes one, and only once the one before it is done.
     */
    QUEUED
  }

  /**
   * One connector's tasks.
   *
   * @param connector its name
   * @param current its tasks.max now
   * @param desired what it should be
   * @param cause why
   * @param reason e.g. {@code orders-to-billing: lag 48,210 drains in 241 s at 200/s per task;
   *     tasks 1 → 3 (3 partitions)}
   */
  public record TaskChange(String connector, int current, int desired, Cause cause, String reason) {

    public boolean changes() {
      return desired != current;
    }
  }

  /**
   * The worker count.
   *
   * @param current workers running
   * @param desired what there should be
   * @param cause why
   * @param reason e.g. {@code 6 busy tasks at 2 per worker; workers 1 → 3}
   */
  public record WorkerChange(int current, int desired, Cause cause, String reason) {

    public boolean changes() {
      return desired != current;
    }
  }

  /** The task changes that change something. */
  public List<TaskChange> changes() {
    return tasks.stream().filter(TaskChange::changes).toList();
  }

  /** Whether a change waits for its turn ({@link Cause#QUEUED}): the next step should come soon. */
  public boolean pending() {
    return workers.cause() == Cause.QUEUED
        || tasks.stream().anyMatch(t -> t.cause() == Cause.QUEUED);
  }
}
