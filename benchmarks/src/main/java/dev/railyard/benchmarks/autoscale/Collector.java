package dev.railyard.benchmarks.autoscale;

import dev.railyard.autoscale.policy.Bounds;
import dev.railyard.autoscale.policy.ConnectorLoad;
import dev.railyard.autoscale.policy.ConnectorLoad.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What Railyard's collector ({@code dev.railyard.autoscale.collect}, its {@code ConnectorHistory})
 * reports for the connector when read once an interval, computed the same way from the simulated
 * offsets: lag from end and committed offsets; lag seconds since the first collection whose end
 * offset went past the committed one; arrival and drain rates over the last 30 s; the per-task rate
 * over the newest span of backlogged collections with the same running tasks on the same workers,
 * within the last 30 s, never from a span under 10 s, kept from the last time it was measured. The
 * committed offsets move only every flush interval, so a connector that keeps up still shows up to
 * a flush interval of arrivals as lag: a backlog is an oldest uncommitted record older than two.
 * Not thread-safe.
 */
final class Collector {

  static final int RATE_WINDOW = 30;
  static final int MIN_RATE_SPAN = 10;
  private static final int HISTORY = 900;

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
      int running,
      int workers) {}

  Collector(int flushInterval) {
    this.flushInterval = flushInterval;
  }

  /** Reads the cluster now, as one collection. */
  ConnectorLoad read(Cluster c) {
    long[] ends = new long[c.partitions()];
    long end = 0;
    long committed = 0;
    for (int p = 0; p < ends.length; p++) {
      ends[p] = c.endOffset(p);
      end += ends[p];
      committed += c.committed(p);
    }
    long now = c.second();
    samples.add(
        new Sample(
            now, ends, end, committed, end - committed, 0, c.runningTasks(), c.workersJoined()));
    samples.removeIf(s -> s.at < now - HISTORY);
    Sample latest = withLagSeconds(c);
    samples.set(samples.size() - 1, latest);
    measureTaskRate(latest);
    return new ConnectorLoad(
        "sink",
        Kind.SINK,
        "RUNNING",
        c.tasksMax(),
        c.runningTasks(),
        c.partitions(),
        latest.lag,
        latest.lagSeconds,
        0,
        0,
        rate(latest, Sample::end),
        rate(latest, Sample::committed),
        taskRate,
        Bounds.DEFAULT,
        Optional.empty(),
        Optional.empty());
  }

  /** Per partition, since the first collection whose end offset went past the committed one. */
  private Sample withLagSeconds(Cluster c) {
    Sample s = samples.get(samples.size() - 1);
    double worst = 0;
    for (int p = 0; p < s.ends.length; p++) {
      long committed = c.committed(p);
      for (Sample earlier : samples) {
        if (earlier.ends[p] > committed) {
          worst = Math.max(worst, s.at - earlier.at);
          break;
        }
      }
    }
    return new Sample(s.at, s.ends, s.end, s.committed, s.lag, worst, s.running, s.workers);
  }

  private OptionalDouble rate(Sample latest, java.util.function.ToLongFunction<Sample> value) {
    for (Sample s : samples) {
      if (s != latest && s.at >= latest.at - RATE_WINDOW) {
        double seconds = latest.at - s.at;
        return OptionalDouble.of(
            Math.max(0, value.applyAsLong(latest) - value.applyAsLong(s)) / seconds);
      }
    }
    return OptionalDouble.empty();
  }

  /**
   * The oldest uncommitted record is older than two flush intervals: the records between two
   * commits do not count.
   */
  private boolean backlogged(Sample s) {
    return s.lagSeconds > 2 * flushInterval;
  }

  private void measureTaskRate(Sample latest) {
    if (latest.running == 0 || !backlogged(latest)) {
      return;
    }
    Sample from = latest;
    for (int i = samples.size() - 1; i >= 0; i--) {
      Sample s = samples.get(i);
      if (!backlogged(s)
          || s.running != latest.running
          || s.workers != latest.workers
          || s.at < latest.at - RATE_WINDOW) {
        break;
      }
      from = s;
    }
    long span = latest.at - from.at;
    long drained = latest.committed - from.committed;
    if (span >= MIN_RATE_SPAN && drained > 0) {
      taskRate = OptionalDouble.of(drained / (double) span / latest.running);
    }
  }
}
