package dev.railyard.autoscale.policy;

import dev.railyard.autoscale.policy.ConnectorLoad.Kind;
import dev.railyard.autoscale.policy.Decision.Cause;
import dev.railyard.autoscale.policy.Decision.TaskChange;
import dev.railyard.autoscale.policy.Decision.WorkerChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Railyard's scaling policy, a pure function: {@link #decide} takes a snapshot, the settings and
 * what it decided before, and returns tasks per connector and a worker count, each with a reason.
 *
 * <ul>
 *   <li>Tasks: enough that a connector's lag drains within the drain target at its measured
 *       per-task rate while keeping up with arrivals — never above its partitions or below 1,
 *       within its own bounds, rounded to a divisor of its partitions. Lag on stuck partitions is
 *       not scaled on. While the per-task rate is not measured yet and lag builds beyond what
 *       arrived since the last commit, tasks double, then wait for the rate; keeping up unmeasured,
 *       they try one step fewer. An idle connector goes to its minimum.
 *   <li>Workers: the busy tasks over the tasks per worker (tasks whose CPU is measured counted at
 *       what they cost, {@link TaskCost}), but no more than there are while every connector keeps
 *       up or its backlog is on track within the drain target; raised when CPU-bound ({@link
 *       CpuSizing}), never lowered below what keeps the CPU under its headroom; within the reserved
 *       count (raised by the schedule) and the ceiling.
 *   <li>Up at once; down only when every recommendation of the stabilization window was lower, in
 *       one step to the highest of them (one rebalance, as the HPA does), after the last change
 *       anywhere settled. Going down needs 20 % headroom (hysteresis), so a rate near a boundary
 *       does not flap.
 *   <li>One change a step, and only once the one before is done ({@link OneChange}): each is a
 *       rebalance of the Connect group. Workers go one at a time.
 *   <li>Missing data or a worker change under way: hold, saying why.
 * </ul>
 */
public final class ScalingPolicy {

  /** Going down needs this headroom: demand at most 80 % of the lower count's capacity. */
  static final double DOWN_HEADROOM = 0.8;

  /**
   * Seconds of records that are only between two offset commits (sinks commit every 5 s, the
   * collector reads every interval): lag younger, or no more than this much draining, is no
   * backlog. The collector measures a per-task rate only past it too.
   */
  public static final double IN_FLIGHT_SECONDS = 10;

  /**
   * After a change, how long an unmeasured connector waits for its per-task rate before doubling
   * again: the collector measures it over its last 30 s, so by then every span it could use began
   * after the change. Doubling sooner, before the rate came, cost a rebalance the measured jump
   * would have made anyway.
   */
  static final Duration MEASURE_WAIT = Duration.ofSeconds(30);

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
    boolean behind = false;
    String stuckAtMax = null;
    boolean missing = snapshot.problem().isPresent();
    boolean[] measured = new boolean[snapshot.connectors().size()];
    for (ConnectorLoad c : snapshot.connectors()) {
      TaskChange change = tasks(c, settings, memory, next, now);
      tasks.add(change);
      missing |= c.problem().isPresent();
      if (change.cause() == Cause.LEFT_ALONE) {
        busyTasks +=
            c.kind() == Kind.SOURCE || c.busy(settings.lagThreshold()) ? c.runningTasks() : 0;
      } else if (change.desired() > change.current() || c.busy(settings.lagThreshold())) {
        busyTasks += change.desired();
        measured[tasks.size() - 1] = TaskCost.measured(c, change, snapshot, settings, memory);
      }
      boolean late =
          c.kind() == Kind.SOURCE
              ? SourceSizing.late(c)
              : c.lag() - c.stuckLag() > settings.lagThreshold() + inFlight(c)
                  && !onTrack(c, settings);
      if (backlogged == null && late) {
        backlogged = c.name();
      }
      behind |= late || change.desired() > change.current();
      if (stuckAtMax == null
          && late
          && change.cause() != Cause.LEFT_ALONE
          && change.current() >= Math.min(c.mostTasks(), c.bounds().max())) {
        stuckAtMax = c.name();
      }
    }
    busyTasks =
        WorkerSizing.keepWhatFreesNoWorker(
            snapshot, settings, next, tasks, busyTasks, behind, measured);
    TaskCost.Count count = TaskCost.count(snapshot, settings, tasks, measured, busyTasks);
    WorkerChange workers =
        WorkerSizing.workers(
            snapshot,
            settings,
            memory,
            next,
            count.tasks(),
            missing,
            new WorkerSizing.Load(backlogged, behind, stuckAtMax, count.note()));
    workers = OneChange.keepOne(snapshot, settings, memory, next, tasks, workers);
    return new Decision(now, tasks, workers, next.build());
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
      return SourceSizing.tasks(c, s, memory, next, now);
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
    String load = Reasons.load(c, lag, arrival);
    String partitions = " (" + c.partitions() + " partitions)";

    int wanted;
    Cause cause;
    String why;
    if (c.taskRate().isPresent() && c.taskRate().getAsDouble() > 0) {
      double rate = c.taskRate().getAsDouble();
      next.measured(name);
      double need = (lag / (double) s.drainTargetSeconds() + arrival) / rate;
      int up = ceil(need);
      wanted = up > current ? up : Math.min(current, ceil(need / DOWN_HEADROOM));
      cause = Cause.DEMAND_UP;
      why =
          load
              + Reasons.drains(lag, arrival, rate, current)
              + " at "
              + Reasons.rate(rate)
              + " per task";
    } else if (lag > s.lagThreshold() + inFlight(c)) {
      Instant changed = memory.changedAt(name);
      if (changed != null && changed.isAfter(now.minus(MEASURE_WAIT))) {
        wanted = current;
        cause = Cause.HOLD;
        why = load + "; per-task rate not measured yet, waiting for it after the last change";
      } else {
        wanted = Math.max(current * 2, current + 1);
        cause = Cause.UNMEASURED;
        why = load + "; per-task rate not measured yet, doubling";
        next.fellBehind(name, current, arrival);
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
      PolicyMemory.Behind behind = memory.behind(name);
      if (behind != null
          && wanted <= behind.tasks()
          && arrival > behind.arrival() * DOWN_HEADROOM) {
        // that many fell behind at about this rate: trying them again is two rebalances for nothing
        wanted = current;
        why +=
            " ("
                + behind.tasks()
                + " fell behind at "
                + Reasons.rate(behind.arrival())
                + "; fewer are tried below "
                + Reasons.rate(behind.arrival() * DOWN_HEADROOM)
                + ")";
      }
    }
    int even = Partitions.evenTasks(wanted, c.partitions(), lo, hi);
    return settle(name, current, even, cause, why, partitions, s, memory, next, now);
  }

  static TaskChange settle(
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
    Stabilizer.Step step = Stabilizer.step(name, current, recommended, s, memory, now);
    next.recommend(name, recommended, step.desired() != current);
    Cause final_ =
        step.cause() != null
            ? step.cause()
            : recommended > current || cause == Cause.HOLD ? cause : Cause.STEADY;
    String reason =
        why
            + "; tasks "
            + (step.desired() == current ? "stay " + current : current + " → " + step.desired())
            + suffix
            + step.note();
    return new TaskChange(name, current, step.desired(), final_, reason);
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

  /**
   * Whether a sink's backlog stays within the drain target on the capacity it has, so that more
   * workers would be spent on lag the target allows. Records are drained oldest first, so while the
   * drain keeps up with arrivals the oldest record's age grows only while the part of the backlog
   * that arrived at once (beyond the arrivals of its age) is worked off: it peaks at its age plus
   * that part over the drain rate. Lag no older than {@link #IN_FLIGHT_SECONDS} that the drain rate
   * clears within the target is on track too: the rate over the collector's window may still be
   * that of the seconds before it came, and such lag is mostly records between commits.
   */
  static boolean onTrack(ConnectorLoad c, PolicySettings s) {
    double drain = c.drainRate().orElse(0);
    double arrival = c.arrivalRate().orElse(0);
    double backlog = Math.max(0, c.lag() - c.stuckLag());
    if (c.lagSeconds() <= IN_FLIGHT_SECONDS && backlog <= drain * s.drainTargetSeconds()) {
      return true;
    }
    if (drain <= 0 || drain < arrival) {
      return false;
    }
    double atOnce = Math.max(0, backlog - arrival * c.lagSeconds());
    return c.lagSeconds() + atOnce / drain <= s.drainTargetSeconds();
  }

  private static TaskChange alone(ConnectorLoad c, String why) {
    return new TaskChange(c.name(), c.tasks(), c.tasks(), Cause.LEFT_ALONE, c.name() + ": " + why);
  }

  private static int ceil(double x) {
    return (int) Math.min(Integer.MAX_VALUE, Math.ceil(x - 1e-9));
  }
}
