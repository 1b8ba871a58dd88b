package dev.railyard.autoscale.policy;

import dev.railyard.autoscale.policy.Decision.TaskChange;
import java.time.Instant;
import java.util.List;

/**
 * What the busy tasks count for in the worker formula ({@code ceil(tasks / tasks.per.worker)}): a
 * connector's tasks are taken at {@code tasks.per.worker} to a worker until the workers' CPU has
 * shown what they cost, and at what they cost once it has. {@code tasks.per.worker} is a guess made
 * before a task ran (two tasks a vCPU, as MSK Connect sizes them); a slow HTTP target's tasks wait
 * on their endpoint and cost a few per cent of a worker each, and a worker more for them drains
 * nothing faster. What they cost never counts for more than the tasks themselves: when the CPU runs
 * out, {@link CpuSizing} raises the workers. Pure.
 */
final class TaskCost {

  private TaskCost() {}

  /**
   * The tasks of the formula and, when measured tasks counted for less than they are, why.
   *
   * @param tasks how many tasks the formula divides by {@code tasks.per.worker}
   * @param note for the reason; empty when every task counted as one
   */
  record Count(int tasks, String note) {}

  /**
   * Whether the workers' CPU has shown what {@code c}'s tasks cost: it can be read, the connector
   * is not getting more tasks, and all of them have run at their count since the settle time.
   */
  static boolean measured(
      ConnectorLoad c,
      TaskChange change,
      ClusterSnapshot snapshot,
      PolicySettings s,
      PolicyMemory memory) {
    if (snapshot.workerCpu().isEmpty()
        || change.desired() > change.current()
        || c.tasks() <= 0
        || c.runningTasks() != c.tasks()) {
      return false;
    }
    Instant changed = memory.changedAt(c.name());
    return changed == null || !changed.isAfter(snapshot.at().minus(Stabilizer.settleTime(s)));
  }

  /**
   * The formula's tasks: {@code busy} (every busy task counted as one) with the tasks of the
   * connectors marked {@code measured} replaced by what they cost: the workers' CPU per running
   * task over the {@code cpu.high ÷ tasks.per.worker} the formula gives a task.
   */
  static Count count(
      ClusterSnapshot snapshot,
      PolicySettings s,
      List<TaskChange> tasks,
      boolean[] measured,
      int busy) {
    int running = CpuSizing.tasks(snapshot);
    if (running <= 0 || snapshot.workerCpu().isEmpty()) {
      return new Count(busy, "");
    }
    double perTask =
        snapshot.workerCpu().getAsDouble() * snapshot.workersRunning() / (double) running;
    double share = perTask * s.tasksPerWorker() / s.cpuHigh();
    int counted = 0;
    double worth = 0;
    for (int i = 0; i < tasks.size(); i++) {
      if (measured[i]) {
        counted += tasks.get(i).desired();
        worth +=
            Math.min(tasks.get(i).desired(), snapshot.connectors().get(i).runningTasks() * share);
      }
    }
    // on CPU-bound workers a task's cost is what it got, and grows with every worker added: the
    // measured tasks never ask for more workers than there are (CpuSizing does, on the drain)
    int there = snapshot.workersRunning() * s.tasksPerWorker();
    int as = Math.min(Math.min(counted, there), (int) Math.ceil(worth - 1e-9));
    if (counted == 0 || as >= counted) {
      return new Count(busy, "");
    }
    return new Count(
        busy - counted + as,
        " (busy tasks: "
            + counted
            + " measured ones count as "
            + as
            + ", at "
            + Reasons.percent(perTask)
            + " CPU a task)");
  }
}
