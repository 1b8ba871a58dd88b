package dev.railyard.autoscale.policy;

import dev.railyard.autoscale.policy.ConnectorLoad.Kind;
import dev.railyard.autoscale.policy.Decision.Cause;
import dev.railyard.autoscale.policy.Decision.TaskChange;
import dev.railyard.autoscale.policy.Decision.WorkerChange;
import dev.railyard.autoscale.policy.PolicyMemory.Recommendation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Railyard's scaling policy, a pure function: {@link #decide} takes a snapshot, the settings and
 * what it decided before, and returns tasks per connector and a worker count, each with a reason.
 *
 * <ul>
 *   <li>Tasks: enough that a connector's lag drains within the drain target at its measured
 *       per-task rate while keeping up with arrivals — never above its partitions or below 1,
 *       within its own bounds, rounded to a divisor of its partitions. Lag on stuck partitions is
 *       not scaled on. While the per-task rate is not measured yet and lag builds beyond what
 *       arrived since the last commit, tasks double; keeping up unmeasured, they try one step
 *       fewer. An idle connector goes to its minimum.
 *   <li>Workers: the busy tasks over the tasks per worker, one more when CPU-bound, within the
 *       reserved count (raised by the schedule) and the ceiling.
 *   <li>Up at once; down only when every recommendation of the stabilization window was lower, in
 *       one step to the highest of them (one rebalance, as the HPA does), after the last change
 *       anywhere settled. Going down needs 20 % headroom (hysteresis), so a rate near a boundary
 *       does not flap.
 *   <li>Missing data or a worker change under way: hold, saying why.
 * </ul>
 */
public final class ScalingPolicy {

  /** Going down needs this headroom: demand at most 80 % of the lower count's capacity. */
  static final double DOWN_HEADROOM = 0.8;

  /** Seconds of draining that are records between two commits, not a backlog. */
  static final double IN_FLIGHT_SECONDS = 10;

  private ScalingPolicy() {}

  /** Decides from {@code snapshot}; {@code memory} is the previous decision's (or EMPTY). */
  public static Decision decide(
      ClusterSnapshot snapshot, PolicySettings settings, PolicyMemory memory) {
    Instant now = snapshot.at();
    PolicyMemory.Builder next =
        new PolicyMemory.Builder(memory, now, settings.scaleDownStabilization());
    List<TaskChange> tasks = new ArrayList<>();
    int busyTasks = 0;
    String backlogged = null;
    boolean missing = snapshot.problem().isPresent();
    for (ConnectorLoad c : snapshot.connectors()) {
      TaskChange change = tasks(c, settings, memory, next, now);
      tasks.add(change);
      missing |= c.problem().isPresent();
      if (change.cause() == Cause.LEFT_ALONE) {
        busyTasks +=
            c.kind() == Kind.SOURCE || c.busy(settings.lagThreshold()) ? c.runningTasks() : 0;
      } else if (change.desired() > change.current() || c.busy(settings.lagThreshold())) {
        busyTasks += change.desired();
      }
      if (backlogged == null && c.lag() - c.stuckLag() > settings.lagThreshold()) {
        backlogged = c.name();
      }
    }
    busyTasks = keepWhatFreesNoWorker(snapshot, settings, next, tasks, busyTasks);
    WorkerChange workers =
        workers(snapshot, settings, memory, next, busyTasks, missing, backlogged);
    return new Decision(now, tasks, workers, next.build());
  }

  /**
   * A busy connector keeps its tasks when the fewer tasks decided would not lower the workers
   * needed: the step would cost a rebalance and free nothing. Idle connectors still go down.
   *
   * @return the busy tasks with the kept ones counted
   */
  private static int keepWhatFreesNoWorker(
      ClusterSnapshot snapshot,
      PolicySettings s,
      PolicyMemory.Builder next,
      List<TaskChange> tasks,
      int busyTasks) {
    int busy = busyTasks;
    for (int i = 0; i < tasks.size(); i++) {
      TaskChange t = tasks.get(i);
      ConnectorLoad c = snapshot.connectors().get(i);
      if (t.cause() != Cause.DEMAND_DOWN
          || t.desired() >= t.current()
          || !c.busy(s.lagThreshold())) {
        continue;
      }
      int fewer = t.current() - t.desired();
      if (ceilDiv(busy + fewer, s.tasksPerWorker()) == ceilDiv(busy, s.tasksPerWorker())) {
        busy += fewer;
        next.unchanged(t.connector());
        int cut = t.reason().indexOf("; tasks ");
        String load = cut < 0 ? t.connector() + ": demand lower" : t.reason().substring(0, cut);
        tasks.set(
            i,
            new TaskChange(
                t.connector(),
                t.current(),
                t.current(),
                Cause.STABILIZING,
                load
                    + "; tasks stay "
                    + t.current()
                    + " (demand is lower, but "
                    + t.desired()
                    + " tasks would free no worker: a rebalance for nothing)"));
      }
    }
    return busy;
  }

  private static TaskChange tasks(
      ConnectorLoad c,
      PolicySettings s,
      PolicyMemory memory,
      PolicyMemory.Builder next,
      Instant now) {
    String name = c.name();
    int current = c.tasks();
    if (c.kind() == Kind.SOURCE) {
      return alone(c, "a source connector exposes no lag to scale on; left alone");
    }
    if (!c.bounds().enabled()) {
      return alone(
          c,
          c.bounds()
              .problem()
              .map(p -> "its autoscale settings are refused (" + p + "); left alone")
              .orElse("opted out (" + AutoscaleConfig.CONNECTOR_ENABLED + "=false); left alone"));
    }
    if (!c.state().equals("RUNNING")) {
      return alone(c, "it is " + c.state() + "; left alone");
    }
    if (c.problem().isPresent()) {
      next.recommend(name, current, false);
      return new TaskChange(
          name,
          current,
          current,
          Cause.HOLD,
          name + ": holding " + current + " tasks: " + c.problem().get());
    }
    if (c.partitions() <= 0) {
      return alone(c, "its topics have no partitions yet; left alone");
    }
    int lo = Math.min(Math.max(1, c.bounds().min()), c.partitions());
    int hi = Math.min(c.partitions(), c.bounds().max());
    long lag = Math.max(0, c.lag() - c.stuckLag());
    double arrival = c.arrivalRate().orElse(0);
    String load = load(c, lag, arrival);
    String partitions = " (" + c.partitions() + " partitions)";

    int wanted;
    Cause cause;
    String why;
    if (c.taskRate().isPresent() && c.taskRate().getAsDouble() > 0) {
      double rate = c.taskRate().getAsDouble();
      double need = (lag / (double) s.drainTargetSeconds() + arrival) / rate;
      int up = ceil(need);
      wanted = up > current ? up : Math.min(current, ceil(need / DOWN_HEADROOM));
      cause = Cause.DEMAND_UP;
      why = load + drains(lag, arrival, rate, current) + " at " + rate(rate) + " per task";
    } else if (lag > s.lagThreshold() + inFlight(c)) {
      Instant changed = memory.changedAt(name);
      if (changed != null && changed.isAfter(now.minus(settle(s)))) {
        wanted = current;
        cause = Cause.HOLD;
        why = load + "; per-task rate not measured yet, waiting for it after the last change";
      } else {
        wanted = Math.max(current * 2, current + 1);
        cause = Cause.UNMEASURED;
        why = load + "; per-task rate not measured yet, doubling";
      }
    } else if (lag == 0 && arrival == 0) {
      wanted = lo;
      cause = Cause.DEMAND_DOWN;
      why = name + ": idle (no lag, no arrivals)";
    } else {
      // keeping up, its capacity unknown: one step fewer still keeps up (and stays), or builds a
      // backlog that measures the rate; through the stabilization window like any step down
      wanted = Partitions.stepDown(current, c.partitions(), lo);
      cause = Cause.DEMAND_DOWN;
      why = load + "; keeping up, per-task rate not measured yet";
    }
    int even = Partitions.evenTasks(wanted, c.partitions(), lo, hi);
    return settle(name, current, even, cause, why, partitions, s, memory, next, now);
  }

  private static TaskChange settle(
      String name,
      int current,
      int recommended,
      Cause cause,
      String why,
      String suffix,
      PolicySettings s,
      PolicyMemory memory,
      PolicyMemory.Builder next,
      Instant now) {
    Step step = step(name, current, recommended, s, memory, now);
    next.recommend(name, recommended, step.desired != current);
    Cause final_ =
        step.cause != null
            ? step.cause
            : recommended > current || cause == Cause.HOLD ? cause : Cause.STEADY;
    String reason =
        why
            + "; tasks "
            + (step.desired == current ? "stay " + current : current + " → " + step.desired)
            + suffix
            + step.note;
    return new TaskChange(name, current, step.desired, final_, reason);
  }

  private record Step(int desired, Cause cause, String note) {}

  /** Up at once; down after the window, in one step, once every earlier change settled. */
  private static Step step(
      String key,
      int current,
      int recommended,
      PolicySettings s,
      PolicyMemory memory,
      Instant now) {
    if (recommended >= current) {
      return new Step(recommended, null, "");
    }
    Duration window = s.scaleDownStabilization();
    Instant windowStart = now.minus(window);
    int highest = recommended;
    boolean watchedWhole = window.isZero();
    Instant earliest = now;
    for (Recommendation r : memory.history(key)) {
      if (!r.at().isAfter(windowStart)) {
        watchedWhole = true;
      }
      if (!r.at().isBefore(windowStart)) {
        highest = Math.max(highest, r.count());
      }
      earliest = r.at().isBefore(earliest) ? r.at() : earliest;
    }
    // a step down waits until its own last change and the last change anywhere settled: each
    // change is a rebalance, and two close together pause the tasks twice
    Instant changed = memory.changedAt(key);
    Instant anywhere = memory.lastChange();
    boolean settled =
        (changed == null || !changed.isAfter(now.minus(settle(s))))
            && (anywhere == null || !anywhere.isAfter(now.minus(settle(s))));
    if (highest >= current || !watchedWhole || !settled) {
      long lower = Math.min(Duration.between(earliest, now).toSeconds(), window.toSeconds());
      String waiting =
          highest >= current
              ? " (demand lower now, but "
                  + highest
                  + " within the last "
                  + window.toSeconds()
                  + " s)"
              : !watchedWhole
                  ? " (demand lower; waiting for "
                      + window.toSeconds()
                      + " s of lower demand, "
                      + lower
                      + " s so far)"
                  : " (demand lower; waiting for the last change to settle)";
      return new Step(current, Cause.STABILIZING, waiting);
    }
    // one step, to the highest count the window recommended (as the HPA does): one rebalance
    // rather than one per divisor; the next needs a whole window of lower demand again
    return new Step(
        highest,
        Cause.DEMAND_DOWN,
        " (one step down after " + window.toSeconds() + " s of lower demand)");
  }

  private static WorkerChange workers(
      ClusterSnapshot snapshot,
      PolicySettings s,
      PolicyMemory memory,
      PolicyMemory.Builder next,
      int busyTasks,
      boolean missing,
      String backlogged) {
    int running = snapshot.workersRunning();
    int heading = snapshot.workersDesired();
    String key = PolicyMemory.WORKERS;
    if (snapshot.problem().isPresent()) {
      next.recommend(key, heading, false);
      return new WorkerChange(
          running,
          heading,
          Cause.HOLD,
          "holding " + heading + " workers: " + snapshot.problem().get());
    }
    if (missing) {
      next.recommend(key, heading, false);
      return new WorkerChange(
          running,
          heading,
          Cause.HOLD,
          "holding " + heading + " workers: the lag of some connectors could not be read");
    }
    if (running != heading) {
      next.recommend(key, heading, false);
      return new WorkerChange(
          running,
          heading,
          Cause.HOLD,
          "holding: "
              + running
              + " of "
              + heading
              + " workers running; waiting for the change to finish");
    }
    int need = ceilDiv(busyTasks, s.tasksPerWorker());
    Cause cause = Cause.DEMAND_UP;
    String why =
        busyTasks
            + " busy task"
            + (busyTasks == 1 ? "" : "s")
            + " at "
            + s.tasksPerWorker()
            + " per worker";
    if (snapshot.workerCpu().isPresent()
        && snapshot.workerCpu().getAsDouble() > s.cpuHigh()
        && need <= running) {
      need = running + 1;
      cause = Cause.CPU;
      why +=
          "; workers CPU-bound at "
              + percent(snapshot.workerCpu().getAsDouble())
              + " (above "
              + percent(s.cpuHigh())
              + ")";
    }
    int reserved = s.reservedAt(snapshot.at());
    int recommended = Math.max(reserved, Math.min(s.workersMax(), need));
    if (recommended == reserved && need < reserved) {
      why += "; reserved " + reserved + (reserved > s.workersMin() ? " (schedule)" : "");
      cause = recommended > heading ? Cause.RESERVED : cause;
    } else if (need > s.workersMax()) {
      why += "; capped at the ceiling of " + s.workersMax();
    }
    Step step = step(key, heading, recommended, s, memory, snapshot.at());
    if (step.desired < heading && backlogged != null) {
      // taking a worker away moves tasks: every task of the group pauses for the rebalance
      step =
          new Step(
              heading,
              Cause.STABILIZING,
              " (demand lower, but "
                  + backlogged
                  + " has a backlog: no worker leaves before it drained)");
    }
    next.recommend(key, recommended, step.desired != heading);
    Cause final_ = step.cause != null ? step.cause : recommended > heading ? cause : Cause.STEADY;
    String reason =
        why
            + "; workers "
            + (step.desired == heading ? "stay " + heading : heading + " → " + step.desired)
            + step.note;
    return new WorkerChange(running, step.desired, final_, reason);
  }

  /**
   * Records that are in the lag only because they arrived since the last commit: sinks commit every
   * {@code offset.flush.interval.ms} (5 s) and the collector reads every interval, so up to {@link
   * #IN_FLIGHT_SECONDS} of what the connector drains (or, before it drained anything, of what
   * arrives) is no backlog.
   */
  private static double inFlight(ConnectorLoad c) {
    return c.drainRate().orElse(c.arrivalRate().orElse(0)) * IN_FLIGHT_SECONDS;
  }

  private static TaskChange alone(ConnectorLoad c, String why) {
    return new TaskChange(c.name(), c.tasks(), c.tasks(), Cause.LEFT_ALONE, c.name() + ": " + why);
  }

  private static Duration settle(PolicySettings s) {
    Duration three = s.interval().multipliedBy(3);
    Duration floor = Duration.ofSeconds(15);
    return three.compareTo(floor) > 0 ? three : floor;
  }

  private static String load(ConnectorLoad c, long lag, double arrival) {
    StringBuilder b = new StringBuilder(c.name()).append(": lag ").append(count(lag));
    if (c.stuckLag() > 0) {
      b.append(" (not counting ")
          .append(count(c.stuckLag()))
          .append(" on ")
          .append(c.stuckPartitions())
          .append(" stuck partition")
          .append(c.stuckPartitions() == 1 ? "" : "s")
          .append(")");
    }
    if (arrival > 0) {
      b.append(", arrivals ").append(rate(arrival));
    }
    return b.toString();
  }

  private static String drains(long lag, double arrival, double rate, int tasks) {
    if (lag == 0) {
      return "";
    }
    double net = rate * tasks - arrival;
    if (net <= 0) {
      return " does not drain with " + tasks + " task" + (tasks == 1 ? "" : "s");
    }
    return " drains in " + count(Math.round(lag / net)) + " s";
  }

  private static int ceil(double x) {
    return (int) Math.min(Integer.MAX_VALUE, Math.ceil(x - 1e-9));
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String rate(double perSecond) {
    return (perSecond >= 10
            ? count(Math.round(perSecond))
            : String.format(Locale.ROOT, "%.1f", perSecond))
        + "/s";
  }

  private static String percent(double fraction) {
    return Math.round(fraction * 100) + " %";
  }
}
