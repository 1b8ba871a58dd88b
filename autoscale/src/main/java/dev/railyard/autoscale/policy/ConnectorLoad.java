package dev.railyard.autoscale.policy;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One connector as the collector last saw it: its tasks, the partitions it reads, its lag and the
 * rates measured over the last intervals.
 *
 * @param name the Connect connector name
 * @param kind what it is; sinks and routers are scaled on lag, sources on their {@code backlog}
 * @param state Connect's state of the connector (RUNNING, PAUSED, STOPPED, FAILED, UNASSIGNED)
 * @param tasks its {@code tasks.max}
 * @param runningTasks its tasks in state RUNNING
 * @param partitions the partitions of the topics it reads, 0 when unknown or for a source
 * @param lag records behind on all its partitions
 * @param lagSeconds how long ago the oldest record not yet committed arrived (0 without lag)
 * @param stuckLag the part of {@code lag} on partitions whose commit has stood still for the
 *     persistent-lag time
 * @param stuckPartitions how many partitions are stuck
 * @param arrivalRate records per second arriving on its topics, when measured
 * @param drainRate records per second it committed, when measured
 * @param taskRate records per second one task drains while backlogged, when ever measured
 * @param bounds what its config says about scaling
 * @param problem why its offsets could not be read this time, when they could not
 * @param backlog a source's bytes behind, for a source that exposes them ({@link SourceSizing});
 *     empty for sinks, routers and other sources
 */
public record ConnectorLoad(
    String name,
    Kind kind,
    String state,
    int tasks,
    int runningTasks,
    int partitions,
    long lag,
    double lagSeconds,
    long stuckLag,
    int stuckPartitions,
    OptionalDouble arrivalRate,
    OptionalDouble drainRate,
    OptionalDouble taskRate,
    Bounds bounds,
    Optional<String> problem,
    Optional<SourceBacklog> backlog) {

  /** What a connector is. */
  public enum Kind {
    /** A sink connector: hosted, or a rule target. */
    SINK,
    /** A bus's router, a sink of the bus topic. */
    ROUTER,
    /** A source connector: left alone unless it exposes what it is behind. */
    SOURCE
  }

  public ConnectorLoad {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(arrivalRate, "arrivalRate");
    Objects.requireNonNull(drainRate, "drainRate");
    Objects.requireNonNull(taskRate, "taskRate");
    Objects.requireNonNull(bounds, "bounds");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(backlog, "backlog");
  }

  /**
   * A connector whose offsets were not read: a source (it has none), or a sink whose offsets could
   * not be read this time ({@code problem} says why).
   */
  public static ConnectorLoad unread(
      String name,
      Kind kind,
      String state,
      int tasks,
      int runningTasks,
      Bounds bounds,
      Optional<String> problem) {
    return new ConnectorLoad(
        name,
        kind,
        state,
        tasks,
        runningTasks,
        0,
        0,
        0,
        0,
        0,
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        bounds,
        problem,
        Optional.empty());
  }

  /** Whether it has work: lag (not stuck) or records arriving; for a source, its backlog's. */
  public boolean busy(long lagThreshold) {
    if (backlog.isPresent()) {
      return backlog.get().busy();
    }
    return lag - stuckLag > lagThreshold || arrivalRate.orElse(0) > 0;
  }

  /** The most tasks it can use: its partitions, or a source's {@link SourceBacklog#mostTasks}. */
  public int mostTasks() {
    return backlog.map(SourceBacklog::mostTasks).orElse(partitions);
  }
}
