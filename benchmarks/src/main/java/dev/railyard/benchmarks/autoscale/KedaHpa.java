package dev.railyard.benchmarks.autoscale;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * KEDA's Kafka scaler under the Kubernetes HPA, with their defaults, scaling the worker Deployment;
 * tasks.max stays where the user set it: at the partition count (the best a user can choose for an
 * IO-bound sink), or at Connect's default of 1, where new workers add no parallelism. Every HPA
 * sync (15 s) the metrics server asks the scaler afresh (useCachedMetrics is off by default, so
 * pollingInterval only paces 0↔1 activation, which minReplicaCount 1 never needs): the metric is
 * the group's total committed lag, capped at partitions × lagThreshold (allowIdleConsumers false);
 * the HPA wants ceil(metric / lagThreshold) replicas (AverageValue target) unless within the 0.1
 * tolerance; scale-up by at most max(100 %, 4 pods) per 15 s, scale-down to the highest
 * recommendation of the last 300 s.
 */
final class KedaHpa implements Autoscaler {

  static final int SYNC = 15;
  static final double TOLERANCE = 0.1;
  static final int DOWN_WINDOW = 300;
  static final int UP_PERIOD = 15;
  static final int UP_PODS = 4;
  static final double UP_PERCENT = 100;

  private final long threshold;
  private final int tasksMax;
  private final Deque<long[]> recommendations = new ArrayDeque<>();
  private final Deque<long[]> scaleUps = new ArrayDeque<>();
  private final List<String> journal = new ArrayList<>();

  /** With tasks.max at the partition count. */
  KedaHpa(long lagThreshold) {
    this(lagThreshold, 0);
  }

  /**
   * @param tasksMax the connector's fixed tasks.max; 0 for the partition count
   */
  KedaHpa(long lagThreshold, int tasksMax) {
    this.threshold = lagThreshold;
    this.tasksMax = tasksMax;
  }

  long threshold() {
    return threshold;
  }

  @Override
  public String name() {
    return "KEDA (lagThreshold "
        + threshold
        + (tasksMax == 0 ? "" : ", tasks.max " + tasksMax)
        + ")";
  }

  /** tasks.max as set: the partitions, or the fixed count given. */
  @Override
  public int initialTasks(Model model) {
    return tasksMax == 0 ? model.partitions() : tasksMax;
  }

  /** The scaler's metric: the total lag, capped so that replicas never exceed the partitions. */
  static long metric(long totalLag, int partitions, long threshold) {
    return totalLag / threshold > partitions ? partitions * threshold : totalLag;
  }

  /** The HPA's count for an AverageValue target: ceil(metric / target) outside the tolerance. */
  static int replicas(long metric, long threshold, int current) {
    double ratio = metric / ((double) threshold * current);
    if (Math.abs(ratio - 1) <= TOLERANCE) {
      return current;
    }
    return (int) Math.ceil(metric / (double) threshold);
  }

  @Override
  public void tick(Cluster c) {
    long now = c.second();
    if (now % SYNC != 0) {
      return;
    }
    Model m = c.model();
    int current = c.workersLaunched();
    long metric = metric(c.lag(), c.partitions(), threshold);
    int desired = replicas(metric, threshold, current);
    int stabilized = stabilize(now, desired, current);
    int next = limit(now, stabilized, current, m.workersMin(), m.workersMax());
    if (next != current) {
      journal.add(
          String.format(
              Locale.ROOT,
              "%d s: lag %d, metric %d / %d → %d wanted, %d after stabilization; replicas %d → %d",
              now,
              c.lag(),
              metric,
              threshold,
              desired,
              stabilized,
              current,
              next));
      if (next > current) {
        scaleUps.add(new long[] {now, next - current});
      }
      c.workers(next);
    }
  }

  /** Up at once (no up window); down only to the highest recommendation of the down window. */
  private int stabilize(long now, int desired, int current) {
    recommendations.add(new long[] {now, desired});
    while (recommendations.peek()[0] <= now - DOWN_WINDOW) {
      recommendations.poll();
    }
    long highest = recommendations.stream().mapToLong(r -> r[1]).max().orElse(desired);
    return desired >= current ? desired : (int) Math.min(current, highest);
  }

  /** The default scale-up policies (Max of 100 % and 4 pods per 15 s), then min and max. */
  private int limit(long now, int desired, int current, int min, int max) {
    if (desired > current) {
      while (!scaleUps.isEmpty() && scaleUps.peek()[0] <= now - UP_PERIOD) {
        scaleUps.poll();
      }
      long added = scaleUps.stream().mapToLong(e -> e[1]).sum();
      long start = current - added;
      long byPods = start + UP_PODS;
      long byPercent = (long) Math.ceil(start * (1 + UP_PERCENT / 100));
      desired = (int) Math.min(desired, Math.max(current, Math.max(byPods, byPercent)));
    }
    return Math.max(min, Math.min(max, desired));
  }

  @Override
  public List<String> journal() {
    return journal;
  }
}
