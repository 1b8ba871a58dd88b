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
   * The CPU the busiest worker may be left at going down: near full, since what limits is lag, not
   * CPU (a worker at 94 % that keeps up within the drain target is not wasted). In the simulator's
   * step trace 0.95 kept a fifth worker for an hour that KEDA's four did without, on noise of 1 %.
   */
  static final double FULL = 0.97;

  /**
   * How long after a change the drain rate is measured for the proportional step: the collector's
   * 30 s window, begun only once a worker asked for has started and joined (8 s measured) and the
   * rebalance is over. A window that still holds part of the start reads the fewer workers' rate
   * and asks for one worker too many, which then stays (it "fell behind" at those arrivals).
   */
  static final java.time.Duration RATE_WAIT = java.time.Duration.ofSeconds(45);

  /**
   * Fewer workers than fell behind are tried again only while arrivals stay below this share of
   * what those workers drained then, their measured capacity: 5 % for the noise of a 30 s rate.
   * Before, 80 % of the arrivals then: on the simulator's CPU-bound diurnal trace that held two
   * workers for 500 s after four could keep up again.
   */
  static final double TRY_BELOW = 0.95;

  private CpuSizing() {}

  /**
   * @param workers the count CPU asks for, 0 when it asks for nothing
   * @param why what it read, for the reason
   * @param behindAt the records per second the workers there are drained when they fell behind
   *     (arrivals were higher), to be remembered if this raises them; -1 otherwise
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
          evenUp(ceil(running * u / s.cpuHigh()), tasks(snapshot)),
          "workers CPU-bound at "
              + Reasons.percent(u)
              + " (above "
              + Reasons.percent(s.cpuHigh())
              + ")");
    }
    return Need.NONE;
  }

  /**
   * In proportion to what the connectors need over what they drain, once the drain rate is measured
   * on the workers there are ({@link #RATE_WAIT} after the last change), holding the count until
   * then: a rate that still counts the rebalance's pause and fewer workers would ask for too many.
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
    if (last != null && last.isAfter(snapshot.at().minus(RATE_WAIT))) {
      return new Need(
          running,
          bound + "; waiting for the drain rate on " + plural(running, "worker") + " there are");
    }
    double demand = 0;
    double drain = 0;
    for (ConnectorLoad c : snapshot.connectors()) {
      if (c.drainRate().isPresent() && c.kind() != ConnectorLoad.Kind.SOURCE) {
        demand += c.arrivalRate().orElse(0) + tooOld(c, s) / s.drainTargetSeconds();
        drain += c.drainRate().getAsDouble();
      }
    }
    if (drain <= 0 || demand <= drain) {
      return new Need(running, bound);
    }
    return new Need(
        evenUp(Math.max(running + 1, ceil(running * demand / drain)), tasks(snapshot)),
        bound
            + ": "
            + Reasons.rate(demand)
            + " needed, "
            + Reasons.rate(drain)
            + " drained on "
            + plural(running, "worker"),
        // remembered only when they could not keep up with arrivals, not just with a backlog; what
        // they drained is what they can: fewer are tried again only below it (TRY_BELOW)
        arrivals(snapshot) > drain ? drain : -1);
  }

  /**
   * The records of a connector's backlog that are older than half the drain target, the part more
   * workers must drain: a backlog younger than that is seconds of arrivals that a cluster keeping
   * up works off anyway, and draining it within the target would ask for workers only the moment
   * after a step needs (the age of the oldest record, not the count, is what the target bounds).
   */
  static double tooOld(ConnectorLoad c, PolicySettings s) {
    double backlog = Math.max(0, c.lag() - c.stuckLag());
    double half = s.drainTargetSeconds() / 2.0;
    if (c.lagSeconds() <= half) {
      return 0;
    }
    return backlog * (1 - half / c.lagSeconds());
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
   * The fewest workers on which the busiest stays under {@link #FULL} ({@link #fewestUnderFull}):
   * fewer than that would fall behind. Nor fewer than fell behind at about the arrivals there are
   * now (the average hides a hot partition's worker). Adding workers needs a connector behind, so
   * this does not flap.
   */
  static Need floor(ClusterSnapshot snapshot, PolicyMemory memory, int running) {
    OptionalDouble avg = snapshot.workerCpu();
    if (avg.isEmpty() || running == 0) {
      return Need.NONE;
    }
    double u = avg.getAsDouble();
    int n = fewestUnderFull(running, u, tasks(snapshot));
    String why =
        "CPU "
            + Reasons.percent(u)
            + " on "
            + running
            + " would average "
            + Reasons.percent(running * u / Math.max(1, n))
            + " on "
            + Math.max(1, n);
    PolicyMemory.Behind fell = memory.behind(PolicyMemory.WORKERS);
    double arrival = arrivals(snapshot);
    if (fell != null && n <= fell.tasks() && arrival > fell.arrival() * TRY_BELOW) {
      n = evenUp(fell.tasks() + 1, tasks(snapshot));
      why +=
          "; but "
              + plural(fell.tasks(), "worker")
              + " fell behind draining "
              + Reasons.rate(fell.arrival())
              + " (fewer are tried below "
              + Reasons.rate(fell.arrival() * TRY_BELOW)
              + ")";
    }
    return new Need(n, why);
  }

  /** The tasks of the cluster, which Connect spreads over the workers evenly by count. */
  static int tasks(ClusterSnapshot snapshot) {
    return snapshot.connectors().stream().mapToInt(ConnectorLoad::runningTasks).sum();
  }

  /**
   * The fewest workers, {@code count} or more, on which no worker runs more tasks than {@code tasks
   * / count} (rounded down): Connect balances tasks by count, and 12 tasks on 5 workers put 3 on
   * two of them, as 4 workers do on every one, so a CPU-bound cluster drains no faster on 5 than on
   * 4 and needs 6 to go faster. Counts of a worker a task or more are left as they are.
   */
  static int evenUp(int count, int tasks) {
    if (tasks <= 0 || count <= 0 || count >= tasks) {
      return count;
    }
    int perWorker = tasks / count;
    return WorkerSizing.ceilDiv(tasks, perWorker);
  }

  /**
   * The fewest workers on which no worker's CPU goes above {@link #FULL}, with Connect putting up
   * to {@code ceil(tasks / n)} tasks on one of {@code n} workers and each task costing the average
   * CPU a task costs now; without tasks, the average over the fewer workers.
   */
  static int fewestUnderFull(int running, double cpu, int tasks) {
    double total = running * cpu;
    if (tasks < running || total <= 0) {
      return ceil(total / FULL);
    }
    int perWorker = (int) Math.floor(FULL * tasks / total + 1e-9);
    return perWorker < 1 ? tasks : WorkerSizing.ceilDiv(tasks, perWorker);
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
