package dev.railyard.benchmarks.autoscale;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One sink connector on a Connect cluster, stepped a second at a time: records arrive on
 * partitions, tasks drain them at the profile's rate within their worker's CPU, offsets are
 * committed every flush interval, and every change of tasks, every worker joining or leaving is a
 * rebalance that stops all tasks. Policies read it as a collector would and act through {@link
 * #tasksMax(int)} and {@link #workers(int)}; what they change takes effect from the next second.
 * Not thread-safe.
 */
final class Cluster {

  private final Model model;
  private final Profile profile;
  private final Partition[] partitions;
  private final List<Worker> workers = new ArrayList<>();
  private Task[] tasks;
  private long now;
  private long pausedUntil;
  private long reassignAt = -1;
  private double cpu;
  private double hottest;
  private final Tally tally = new Tally();
  private final Random jitter;

  /**
   * A cluster at rest: {@code workers} workers already in the group, {@code tasksMax} tasks; the
   * seed sets when each task's commits fall.
   */
  Cluster(Model model, Profile profile, int tasksMax, int workers, long seed) {
    this.model = model;
    this.profile = profile;
    this.jitter = new Random(seed);
    this.partitions = new Partition[model.partitions()];
    for (int p = 0; p < partitions.length; p++) {
      partitions[p] = new Partition();
    }
    for (int i = 0; i < workers; i++) {
      Worker w = new Worker(0);
      w.joined = true;
      this.workers.add(w);
    }
    this.tasks = Task.ranges(tasksMax, partitions.length);
    for (Task t : tasks) {
      t.nextCommit = firstCommit(0);
    }
    assign();
  }

  /** Steps second {@code second}: arrivals, joins, reassignment, draining, commits, tallies. */
  void step(long second, double[] arrivals) {
    now = second;
    for (int p = 0; p < partitions.length; p++) {
      partitions[p].arrive(second, arrivals[p]);
    }
    join();
    if (reassignAt >= 0 && now >= reassignAt) {
      rebalance(now);
      assign();
    }
    if (now >= pausedUntil) {
      process();
      commit();
    } else {
      workers.forEach(
          w -> {
            w.cpu = model.workerBaseCpu();
            w.cpuUsed += w.joined ? w.cpu : 0;
          });
      cpu = model.workerBaseCpu();
      hottest = cpu;
    }
    tally.add(workers.size(), oldestAge(), model.drainTarget());
  }

  /** Sets tasks.max; a change restarts the connector's tasks: one rebalance. */
  void tasksMax(int n) {
    if (n == tasks.length) {
      return;
    }
    tally.scaleEvents++;
    tasks = Task.ranges(n, partitions.length);
    rebalance(now + 1);
    assign();
  }

  /**
   * Heads for {@code n} workers (within the model's bounds): new ones join after the start time; a
   * worker still starting is cancelled first, else the newest leaves and its tasks stay unassigned
   * for the leave delay.
   */
  void workers(int n) {
    n = Math.max(model.workersMin(), Math.min(model.workersMax(), n));
    if (n == workers.size()) {
      return;
    }
    tally.scaleEvents++;
    while (workers.size() < n) {
      workers.add(new Worker(now + model.workerStart()));
    }
    while (workers.size() > n) {
      Worker leaving = workers.stream().filter(w -> !w.joined).reduce((a, b) -> b).orElse(null);
      if (leaving == null) {
        leaving = workers.get(workers.size() - 1);
      }
      workers.remove(leaving);
      if (leaving.joined) {
        leave(leaving);
      }
    }
  }

  private void leave(Worker gone) {
    for (Task t : tasks) {
      if (t.worker == gone) {
        t.worker = null;
      }
    }
    rebalance(now + 1);
    if (model.leaveDelay() == 0) {
      assign();
    } else {
      reassignAt = Math.max(reassignAt, now + model.leaveDelay());
    }
  }

  /**
   * Workers whose start time passed join, each in a rebalance of its own: two workers launched
   * together joined Connect's group in two generations (AutoscaleIT).
   */
  private void join() {
    boolean joined = false;
    for (Worker w : workers) {
      if (!w.joined && now >= w.joinsAt) {
        w.joined = true;
        joined = true;
        rebalance(now);
      }
    }
    if (joined) {
      assign();
    }
  }

  /** Every task stops from {@code from} for the pause, after committing what it processed. */
  private void rebalance(long from) {
    for (Partition p : partitions) {
      p.committed = p.processed;
    }
    pausedUntil = Math.max(pausedUntil, from + model.rebalancePause());
    for (Task t : tasks) {
      t.nextCommit = firstCommit(pausedUntil);
    }
    tally.rebalances++;
  }

  /** Tasks round-robin over the workers in the group, as Connect's assignor balances them. */
  private void assign() {
    List<Worker> live = workers.stream().filter(w -> w.joined).toList();
    for (int j = 0; j < tasks.length; j++) {
      tasks[j].worker = live.isEmpty() ? null : live.get(j % live.size());
    }
    reassignAt = -1;
  }

  private void process() {
    double total = 0;
    int joined = 0;
    hottest = 0;
    for (Worker w : workers) {
      if (!w.joined) {
        continue;
      }
      List<Task> mine = new ArrayList<>();
      for (Task t : tasks) {
        if (t.worker == w) {
          mine.add(t);
        }
      }
      double[] want = new double[mine.size()];
      double need = 0;
      for (int i = 0; i < want.length; i++) {
        want[i] = Math.min(profile.taskRate(), mine.get(i).backlog(partitions));
        need += want[i] * profile.cpuPerRecord();
      }
      double spare = 1 - model.workerBaseCpu();
      double share = need > spare ? spare / need : 1;
      for (int i = 0; i < want.length; i++) {
        mine.get(i).drain(partitions, want[i] * share);
      }
      w.cpu = model.workerBaseCpu() + Math.min(need, spare);
      w.cpuUsed += w.cpu;
      total += w.cpu;
      hottest = Math.max(hottest, w.cpu);
      joined++;
    }
    cpu = joined == 0 ? 0 : total / joined;
  }

  /**
   * A task's first commit after it starts: one flush interval later, give or take two seconds, as
   * tasks never start in step with those who read the offsets.
   */
  private long firstCommit(long start) {
    return start + model.flushInterval() - 2 + jitter.nextInt(5);
  }

  private void commit() {
    for (Task t : tasks) {
      if (t.worker != null && now >= t.nextCommit) {
        t.commit(partitions);
        // the poll loop checks the flush timer between batches, so commits slip now and then
        t.nextCommit = now + model.flushInterval() + (jitter.nextInt(5) == 0 ? 1 : 0);
      }
    }
  }

  long second() {
    return now;
  }

  Model model() {
    return model;
  }

  int partitions() {
    return partitions.length;
  }

  /** Records ever appended to partition {@code p}. */
  long endOffset(int p) {
    return Math.round(partitions[p].end);
  }

  /** The connector's committed offset on partition {@code p}. */
  long committed(int p) {
    return Math.round(partitions[p].committed);
  }

  /** Records past the committed offsets, all partitions: what Kafka's Admin client reports. */
  long lag() {
    long lag = 0;
    for (int p = 0; p < partitions.length; p++) {
      lag += endOffset(p) - committed(p);
    }
    return lag;
  }

  /** Records not yet processed, all partitions. */
  double backlog() {
    double backlog = 0;
    for (Partition p : partitions) {
      backlog += p.backlog();
    }
    return backlog;
  }

  /** Seconds since the oldest record not yet processed arrived, over all partitions. */
  long oldestAge() {
    long age = 0;
    for (Partition p : partitions) {
      age = Math.max(age, p.age(now));
    }
    return age;
  }

  int tasksMax() {
    return tasks.length;
  }

  /** Tasks assigned to a worker and not paused by a rebalance (Connect says RUNNING). */
  int runningTasks() {
    if (now < pausedUntil) {
      return 0;
    }
    int n = 0;
    for (Task t : tasks) {
      n += t.worker != null ? 1 : 0;
    }
    return n;
  }

  /** Workers launched and not stopped, starting ones included: what is paid for. */
  int workersLaunched() {
    return workers.size();
  }

  /** Workers in the group: the capacity there is. */
  int workersJoined() {
    return (int) workers.stream().filter(w -> w.joined).count();
  }

  /** The average CPU of the workers in the group over the last second, 0..1 of a vCPU. */
  double cpu() {
    return cpu;
  }

  /** The workers in the group, for their CPU time used. */
  List<Worker> joined() {
    return workers.stream().filter(w -> w.joined).toList();
  }

  /** The CPU of the busiest worker in the group over the last second. */
  double hottestCpu() {
    return hottest;
  }

  Tally tally() {
    return tally;
  }

  /**
   * A worker JVM: launched, in the group once it joins, its CPU over the last second and
   * vCPU-seconds since it joined.
   */
  static final class Worker {
    final long joinsAt;
    boolean joined;
    double cpu;
    double cpuUsed;

    Worker(long joinsAt) {
      this.joinsAt = joinsAt;
    }
  }
}
