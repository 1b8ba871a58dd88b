package dev.railyard.benchmarks.autoscale;

import dev.railyard.autoscale.policy.Bounds;
import dev.railyard.autoscale.policy.ConnectorLoad;
import dev.railyard.autoscale.policy.ConnectorLoad.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What Railyard's collector reports for the connector when read once an interval: lag from end and
 * committed offsets; lag seconds from the history of end offsets; arrival and drain rates over the
 * last interval; and the per-task rate, measured only while the connector stays backlogged with the
 * same tasks and workers, over the last 30 s of that span, never from a span under 10 s. The
 * committed offsets move only every flush interval, so rates from them are quantized as the real
 * collector's are. Not thread-safe.
 */
final class Collector {

  static final int SPAN_MIN = 10;
  static final int SPAN_MAX = 30;
  private static final int HISTORY = 3600;

  /** How the collector tells a backlogged connector, whose tasks drain all they can. */
  enum Backlog {
    /** Lag above the policy's lag threshold (100 records): records merely in flight count. */
    LAG_RECORDS,
    /** The oldest uncommitted record older than two flush intervals: in-flight ones do not. */
    LAG_SECONDS
  }

  private final long lagThreshold;
  private final Backlog backlog;
  private final int flushInterval;
  private final List<Sample> samples = new ArrayList<>();
  private OptionalDouble taskRate = OptionalDouble.empty();

  private record Sample(
      long at,
      long[] ends,
      long end,
      long committed,
      long lag,
      double lagSeconds,
      int tasks,
      int workers) {}

  Collector(long lagThreshold, Backlog backlog, int flushInterval) {
    this.lagThreshold = lagThreshold;
    this.backlog = backlog;
    this.flushInterval = flushInterval;
  }

  /** Reads the cluster now, as one collection. */
  ConnectorLoad read(Cluster c) {
    Sample now = sample(c, samples.isEmpty() ? null : samples.get(0));
    samples.add(now);
    samples.removeIf(s -> s.at < now.at - HISTORY);
    Sample before = samples.size() > 1 ? samples.get(samples.size() - 2) : null;
    OptionalDouble arrival = OptionalDouble.empty();
    OptionalDouble drain = OptionalDouble.empty();
    if (before != null) {
      double seconds = now.at - before.at;
      arrival = OptionalDouble.of((now.end - before.end) / seconds);
      drain = OptionalDouble.of((now.committed - before.committed) / seconds);
    }
    measureTaskRate();
    return new ConnectorLoad(
        "sink",
        Kind.SINK,
        "RUNNING",
        c.tasksMax(),
        c.runningTasks(),
        c.partitions(),
        now.lag,
        now.lagSeconds,
        0,
        0,
        arrival,
        drain,
        taskRate,
        Bounds.DEFAULT,
        Optional.empty());
  }

  private Sample sample(Cluster c, Sample oldest) {
    long[] ends = new long[c.partitions()];
    long end = 0;
    long committed = 0;
    for (int p = 0; p < ends.length; p++) {
      ends[p] = c.endOffset(p);
      end += ends[p];
      committed += c.committed(p);
    }
    return new Sample(
        c.second(),
        ends,
        end,
        committed,
        end - committed,
        lagSeconds(c, ends, oldest),
        c.runningTasks(),
        c.workersJoined());
  }

  private boolean backlogged(Sample s) {
    return backlog == Backlog.LAG_RECORDS ? s.lag > lagThreshold : s.lagSeconds > 2 * flushInterval;
  }

  /** The newest span of backlogged samples with the same tasks and workers, up to 30 s of it. */
  private void measureTaskRate() {
    int last = samples.size() - 1;
    Sample end = samples.get(last);
    if (!backlogged(end) || end.tasks == 0) {
      return;
    }
    int first = last;
    while (first > 0) {
      Sample before = samples.get(first - 1);
      if (!backlogged(before)
          || before.tasks != end.tasks
          || before.workers != end.workers
          || end.at - before.at > SPAN_MAX) {
        break;
      }
      first--;
    }
    Sample start = samples.get(first);
    long span = end.at - start.at;
    if (span >= SPAN_MIN) {
      taskRate = OptionalDouble.of((end.committed - start.committed) / (double) span / end.tasks);
    }
  }

  /**
   * How long ago the oldest uncommitted record arrived: for each partition, the newest collection
   * whose end offset had not yet reached the committed offset (the record came after it).
   */
  private double lagSeconds(Cluster c, long[] ends, Sample oldest) {
    double worst = 0;
    for (int p = 0; p < ends.length; p++) {
      long committed = c.committed(p);
      if (committed >= ends[p]) {
        continue;
      }
      long since = oldest == null ? c.second() : oldest.at;
      for (int i = samples.size() - 1; i >= 0; i--) {
        if (samples.get(i).ends[p] <= committed) {
          since = samples.get(i).at;
          break;
        }
      }
      worst = Math.max(worst, c.second() - since);
    }
    return worst;
  }
}
