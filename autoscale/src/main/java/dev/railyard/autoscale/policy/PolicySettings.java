package dev.railyard.autoscale.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * The policy in force, as {@link AutoscaleConfig} validated it.
 *
 * @param enabled whether the autoscaler acts; when false it still collects and decides, to show
 *     what it would do, but changes nothing
 * @param interval how often it collects and decides
 * @param drainTargetSeconds how soon lag should drain: tasks enough to clear it in this time
 * @param tasksPerWorker how many busy tasks one worker is given
 * @param workersMin the reserved worker count, never scaled below
 * @param workersMax the elastic ceiling
 * @param scaleDownStabilization how long demand must stay lower before scaling down
 * @param schedule windows that raise the reserved count
 * @param cpuHigh average worker CPU (0..1 of the machine's processors) above which workers are
 *     CPU-bound and one more is asked for
 * @param persistentLag how long a partition's commit may stand still with lag behind it before it
 *     is taken as stuck and not scaled on
 * @param lagThreshold lag, in records, below which a connector is not backlogged
 */
public record PolicySettings(
    boolean enabled,
    Duration interval,
    int drainTargetSeconds,
    int tasksPerWorker,
    int workersMin,
    int workersMax,
    Duration scaleDownStabilization,
    Schedule schedule,
    double cpuHigh,
    Duration persistentLag,
    long lagThreshold) {

  public PolicySettings {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(scaleDownStabilization, "scaleDownStabilization");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(persistentLag, "persistentLag");
    if (workersMin > workersMax) {
      throw new IllegalArgumentException(
          "workers min " + workersMin + " is above workers max " + workersMax);
    }
  }

  /** The defaults, with the given reserved count and ceiling. */
  public static PolicySettings defaults(int workersMin, int workersMax) {
    return new AutoscaleConfig(java.util.Map.of(), workersMin, workersMax).settings();
  }

  /** The reserved count at {@code now}: the minimum raised by the schedule, within the ceiling. */
  public int reservedAt(java.time.Instant now) {
    return Math.min(workersMax, Math.max(workersMin, schedule.minimumAt(now)));
  }
}
