package dev.railyard.autoscale.policy;

import dev.railyard.autoscale.policy.Decision.Cause;
import dev.railyard.autoscale.policy.Decision.TaskChange;
import dev.railyard.autoscale.policy.Decision.WorkerChange;
import java.util.List;

/**
 * The worker count of a decision: the busy tasks over the tasks per worker, one more when
 * CPU-bound, within the reserved count (raised by the schedule) and the ceiling, one worker more or
 * fewer a step; held while data is missing or a change is under way, and no worker leaves while a
 * connector has a backlog. Pure.
 */
final class WorkerSizing {

  private WorkerSizing() {}

  /**
   * What the connectors' lag says about the workers.
   *
   * @param backlogged a connector with lag above the lag threshold, or null: no worker leaves then
   * @param behind whether any connector is behind (lag beyond what is only between two commits) or
   *     is getting more tasks; when none is, the workers there are suffice
   * @param stuckAtMax a connector behind that has all the tasks it may have, or null
   * @param costNote what measured tasks counted for ({@link TaskCost}), for the reason; may be
   *     empty
   */
  record Load(String backlogged, boolean behind, String stuckAtMax, String costNote) {}

  /**
   * A busy connector keeps its tasks when the fewer tasks decided would not lower the workers
   * needed (while every connector keeps up, no more than there are): the step would cost a
   * rebalance and free nothing. Idle connectors still go down. The tasks are counted as the formula
   * counts them ({@link TaskCost}): fewer tasks of a connector whose CPU is measured do the same
   * work, and free a worker only when they cost less than the workers there are hold.
   *
   * @param measured per connector, whether its tasks count at what they cost
   * @return the busy tasks with the kept ones counted
   */
  static int keepWhatFreesNoWorker(
      ClusterSnapshot snapshot,
      PolicySettings s,
      PolicyMemory.Builder next,
      List<TaskChange> tasks,
      int busyTasks,
      boolean behind,
      boolean[] measured) {
    int running = snapshot.workersRunning();
    java.util.function.IntUnaryOperator workers =
        b ->
            behind
                ? ceilDiv(b, s.tasksPerWorker())
                : Math.min(running, ceilDiv(b, s.tasksPerWorker()));
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
      List<TaskChange> kept = new java.util.ArrayList<>(tasks);
      kept.set(i, new TaskChange(t.connector(), t.current(), t.current(), t.cause(), t.reason()));
      int keeping = TaskCost.count(snapshot, s, kept, measured, busy + fewer).tasks();
      int cutting = TaskCost.count(snapshot, s, tasks, measured, busy).tasks();
      if (workers.applyAsInt(keeping) == workers.applyAsInt(cutting)) {
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

  static WorkerChange workers(
      ClusterSnapshot snapshot,
      PolicySettings s,
      PolicyMemory memory,
      PolicyMemory.Builder next,
      int busyTasks,
      boolean missing,
      Load load) {
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
    if (!load.behind() && need > running) {
      // their tasks fit fewer workers than the formula gives, and more would drain nothing faster
      need = running;
      why += "; every connector keeps up on the " + running + " there are";
    }
    CpuSizing.Need cpu = CpuSizing.up(snapshot, s, memory, running, load);
    if (cpu.workers() > need) {
      need = cpu.workers();
      cause = Cause.CPU;
      why += "; " + cpu.why();
    } else if (need < running) {
      CpuSizing.Need floor = CpuSizing.floor(snapshot, memory, running);
      if (floor.workers() > need) {
        need = Math.min(running, floor.workers());
        why += "; " + floor.why();
      }
    }
    int reserved = s.reservedAt(snapshot.at());
    int recommended = Math.max(reserved, Math.min(s.workersMax(), need));
    if (recommended == reserved && need < reserved) {
      why += "; reserved " + reserved + (reserved > s.workersMin() ? " (schedule)" : "");
      cause = recommended > heading ? Cause.RESERVED : cause;
    } else if (need > s.workersMax()) {
      why += "; capped at the ceiling of " + s.workersMax();
    }
    Stabilizer.Step step = Stabilizer.step(key, heading, recommended, s, memory, snapshot.at());
    String backlogged = load.backlogged();
    if (step.desired() < heading && backlogged != null) {
      // taking a worker away moves tasks: every task of the group pauses for the rebalance
      step =
          new Stabilizer.Step(
              heading,
              Cause.STABILIZING,
              " (demand lower, but "
                  + backlogged
                  + " has a backlog: no worker leaves before it drained)");
    }
    step = oneAtATime(step, heading);
    next.recommend(key, recommended, step.desired() != heading);
    if (cpu.behindAt() >= 0 && step.desired() > heading) {
      next.fellBehind(key, running, cpu.behindAt());
    }
    Cause final_ =
        step.cause() != null ? step.cause() : recommended > heading ? cause : Cause.STEADY;
    String reason =
        why
            + "; workers "
            + (step.desired() == heading ? "stay " + heading : heading + " → " + step.desired())
            + step.note()
            + load.costNote();
    return new WorkerChange(running, step.desired(), final_, reason);
  }

  /**
   * One worker a step: workers started together join the group one after the other, and each join
   * or leave is a rebalance of its own.
   */
  private static Stabilizer.Step oneAtATime(Stabilizer.Step step, int heading) {
    int wanted = step.desired();
    if (Math.abs(wanted - heading) <= 1) {
      return step;
    }
    int one = wanted > heading ? heading + 1 : heading - 1;
    return new Stabilizer.Step(
        one,
        step.cause(),
        step.note()
            + " ("
            + wanted
            + " wanted; one at a time: each "
            + (wanted > heading ? "join" : "leave")
            + " is a rebalance)");
  }

  static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
