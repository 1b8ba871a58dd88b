package dev.railyard.autoscale.policy;

import java.time.Instant;
import java.util.OptionalDouble;

/**
 * What the workers' CPU says about their count, where it can be read. Up: the HPA's formula on the
 * average, {@code ceil(running × cpu / cpu.high)}; and when the hottest worker is CPU-bound while a
 * connector is behind with all the tasks it may have (more tasks cannot help it; only more workers
 * can), in proportion to what the connectors need over what they drain, as a drain-aware scaler
 * does (keda#7092). Down: no fewer workers than keep the average under {@code cpu.high ×} {@link
 * ScalingPolicy#DOWN_HEADROOM}, so that a worker that leaves is not added back at the next step.
 * Pure.
 */
final class CpuSizing {

  /**
   * The average CPU a worker count may be left at going down: near full, since what limits is lag,
   * not CPU (a worker at 94 % that keeps up within the drain target is not wasted).
   */
  static final double FULL = 0.95;

  private CpuSizing() {}

  /**
   * @param workers the count CPU asks for, 0 when it asks for nothing
   * @param why what it read, for the reason
   * @param behindAt the records per second arriving when the workers there are fell behind, to be
   *     remembered if this raises them; -1 otherwise
   */
  record Need(int workers, String why, double behindAt) {
    static final Need NONE = new Need(0, "", -1);

    Need(int workers, String why) {
      this(workers, why, -1);
    }
  }

  /** The workers the CPU needs going up; none unless a connector is behind. */
  static Need up(
      ClusterSnapshot snapshot,
      PolicySettings s,
      PolicyMemory memory,
      int running,
      WorkerSizing.Load load) {
    OptionalDouble avg = snapshot.workerCpu();
    if (avg.isEmpty() || running == 0) {
      return Need.NONE;
    }
    if (!load.behind()) {
      return Need.NONE;
    }
    double u = avg.getAsDouble();
    double hottest = hottest(snapshot).orElse(u);
    String stuckAtMax = load.stuckAtMax();
    if (stuckAtMax != null && hottest > s.cpuHigh()) {
      return proportional(snapshot, s, memory, running, stuckAtMax, hottest);
    }
    if (u > s.cpuHigh()) {
      return new Need(
          ceil(running * u / s.cpuHigh()),
          "workers CPU-bound at "
              + Reasons.percent(u)
              + " (above "
              + Reasons.percent(s.cpuHigh())
              + ")");
    }
    return Need.NONE;
  }

  /**
   * In proportion to what the connectors need over what they drain. The drain rate is taken over
   * the collector's last 30 s, so this waits that long after the last change, holding the count: a
   * rate that still counts the rebalance's pause and fewer workers would ask for too many.
   */
  private static Need proportional(
      ClusterSnapshot snapshot,
      PolicySettings s,
      PolicyMemory memory,
      int running,
      String stuckAtMax,
      double hottest) {
    String bound =
        stuckAtMax
            + " is behind with all its tasks and a worker is CPU-bound at "
            + Reasons.percent(hottest);
    Instant last = memory.lastChange();
    if (last != null && last.isAfter(snapshot.at().minus(ScalingPolicy.MEASURE_WAIT))) {
      return new Need(
          running,
          bound + "; waiting for the drain rate on " + plural(running, "worker") + " there are");
    }
    double demand = 0;
    double drain = 0;
    for (ConnectorLoad c : snapshot.connectors()) {
      if (c.drainRate().isPresent() && c.kind() != ConnectorLoad.Kind.SOURCE) {
        demand +=
            c.arrivalRate().orElse(0)
                + Math.max(0, c.lag() - c.stuckLag()) / (double) s.drainTargetSeconds();
        drain += c.drainRate().getAsDouble();
      }
    }
    if (drain <= 0 || demand <= drain) {
      return new Need(running, bound);
    }
    return new Need(
        Math.max(running + 1, ceil(running * demand / drain)),
        bound
            + ": "
            + Reasons.rate(demand)
            + " needed, "
            + Reasons.rate(drain)
            + " drained on "
            + plural(running, "worker"),
        // remembered only when they could not keep up with arrivals, not just with a backlog
        arrivals(snapshot) > drain ? arrivals(snapshot) : -1);
  }

  /** Records per second arriving for the sinks and routers. */
  private static double arrivals(ClusterSnapshot snapshot) {
    return snapshot.connectors().stream()
        .filter(c -> c.kind() != ConnectorLoad.Kind.SOURCE)
        .mapToDouble(c -> c.arrivalRate().orElse(0))
        .sum();
  }

  private static String plural(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }

  /**
   * The fewest workers on which the average CPU stays under {@link #FULL}: fewer than that would
   * fall behind. Nor fewer than fell behind at about the arrivals there are now (the average hides
   * a hot partition's worker). Adding workers needs a connector behind, so this does not flap.
   */
  static Need floor(ClusterSnapshot snapshot, PolicyMemory memory, int running) {
    OptionalDouble avg = snapshot.workerCpu();
    if (avg.isEmpty() || running == 0) {
      return Need.NONE;
    }
    double u = avg.getAsDouble();
    int n = ceil(running * u / FULL);
    String why =
        "CPU "
            + Reasons.percent(u)
            + " on "
            + running
            + " would be "
            + Reasons.percent(running * u / Math.max(1, n))
            + " on "
            + Math.max(1, n);
    PolicyMemory.Behind fell = memory.behind(PolicyMemory.WORKERS);
    double arrival = arrivals(snapshot);
    if (fell != null
        && n <= fell.tasks()
        && arrival > fell.arrival() * ScalingPolicy.DOWN_HEADROOM) {
      n = fell.tasks() + 1;
      why +=
          "; but "
              + plural(fell.tasks(), "worker")
              + " fell behind at "
              + Reasons.rate(fell.arrival())
              + " (fewer are tried below "
              + Reasons.rate(fell.arrival() * ScalingPolicy.DOWN_HEADROOM)
              + ")";
    }
    return new Need(n, why);
  }

  private static OptionalDouble hottest(ClusterSnapshot snapshot) {
    return snapshot.workerLoads().stream()
        .filter(l -> l.cpu().isPresent())
        .mapToDouble(l -> l.cpu().getAsDouble())
        .max();
  }

  private static int ceil(double x) {
    return (int) Math.min(Integer.MAX_VALUE, Math.ceil(x - 1e-9));
  }
}
