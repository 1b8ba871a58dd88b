package dev.railyard.benchmarks.autoscale;

/**
 * One sink task: the partitions it was given, the worker it runs on ({@code null} while
 * unassigned), and when its next offset commit is due.
 */
final class Task {

  final int[] partitions;
  Cluster.Worker worker;
  long nextCommit;

  private Task(int[] partitions) {
    this.partitions = partitions;
  }

  /** {@code n} tasks with the partitions in contiguous ranges, as the range assignor gives them. */
  static Task[] ranges(int n, int partitions) {
    Task[] made = new Task[n];
    int per = partitions / n;
    int extra = partitions % n;
    int next = 0;
    for (int j = 0; j < n; j++) {
      int[] mine = new int[per + (j < extra ? 1 : 0)];
      for (int i = 0; i < mine.length; i++) {
        mine[i] = next++;
      }
      made[j] = new Task(mine);
    }
    return made;
  }

  /** Records waiting on its partitions. */
  double backlog(Partition[] all) {
    double sum = 0;
    for (int p : partitions) {
      sum += all[p].backlog();
    }
    return sum;
  }

  /** Drains {@code records}, shared equally over its partitions with backlog, as fetches rotate. */
  void drain(Partition[] all, double records) {
    double left = records;
    while (left > Partition.EMPTY) {
      int busy = 0;
      for (int p : partitions) {
        busy += all[p].backlog() > Partition.EMPTY ? 1 : 0;
      }
      if (busy == 0) {
        return;
      }
      double each = left / busy;
      for (int p : partitions) {
        double take = Math.min(each, all[p].backlog());
        if (take > Partition.EMPTY) {
          all[p].consume(take);
          left -= take;
        }
      }
    }
  }

  /** Commits what it processed on its partitions. */
  void commit(Partition[] all) {
    for (int p : partitions) {
      all[p].committed = all[p].processed;
    }
  }
}
