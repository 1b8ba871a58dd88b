package dev.railyard.autoscale.collect;

import dev.railyard.autoscale.lag.PartitionLag;
import dev.railyard.autoscale.policy.ScalingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.kafka.common.TopicPartition;

/**
 * What earlier collections saw of one connector, and what follows from it: rates over the last
 * {@link #RATE_WINDOW}, the per-task rate while backlogged, lag in seconds of arrival and the
 * partitions whose commit stands still. Not thread-safe; the collector calls it from one thread.
 */
final class ConnectorHistory {

  /** Rates are taken over this much history. */
  static final Duration RATE_WINDOW = Duration.ofSeconds(30);

  /**
   * A per-task rate needs at least this long backlogged: sinks commit every {@code
   * offset.flush.interval.ms} (5 s here), so a shorter span may hold no commit at all.
   */
  static final Duration MIN_RATE_SPAN = Duration.ofSeconds(10);

  /** How far back end offsets are kept to date the oldest record not yet committed. */
  static final Duration HISTORY = Duration.ofMinutes(15);

  private record Sample(
      Instant at,
      long ends,
      long committed,
      long lag,
      double lagSeconds,
      int running,
      int workers) {

    boolean backlogged(long lagThreshold) {
      // younger lag is records between two commits, and a rate measured then is an idle task's
      return lag > lagThreshold && lagSeconds >= ScalingPolicy.IN_FLIGHT_SECONDS;
    }
  }

  private record End(Instant at, long offset) {}

  private record Still(long committed, Instant since) {}

  private final Deque<Sample> samples = new ArrayDeque<>();
  private final Map<TopicPartition, Deque<End>> ends = new HashMap<>();
  private final Map<TopicPartition, Still> still = new HashMap<>();
  private OptionalDouble taskRate = OptionalDouble.empty();

  /** What one collection computed for the connector. */
  record Figures(
      long lag,
      double lagSeconds,
      long stuckLag,
      int stuckPartitions,
      OptionalDouble arrivalRate,
      OptionalDouble drainRate,
      OptionalDouble taskRate) {}

  /**
   * Adds this collection's offsets and computes the figures.
   *
   * @param partitions every partition the connector reads, with its end and committed offsets
   * @param running its tasks running now
   * @param workers the workers running now: a worker that joins or leaves is a rebalance that
   *     pauses tasks, so a per-task rate is measured only between two
   * @param persistentLag how long a commit may stand still with lag behind it before it is stuck
   * @param lagThreshold lag below which the connector is not backlogged
   */
  Figures add(
      Instant now,
      List<PartitionLag> partitions,
      int running,
      int workers,
      Duration persistentLag,
      long lagThreshold) {
    long lag = 0;
    long endSum = 0;
    long committedSum = 0;
    long stuckLag = 0;
    int stuckPartitions = 0;
    double lagSeconds = 0;
    for (PartitionLag p : partitions) {
      long committed = p.committed().orElse(0);
      lag += p.lag();
      endSum += p.endOffset();
      committedSum += Math.min(committed, p.endOffset());
      Deque<End> history = ends.computeIfAbsent(p.partition(), tp -> new ArrayDeque<>());
      history.addLast(new End(now, p.endOffset()));
      prune(history, now);
      if (p.lag() == 0) {
        still.remove(p.partition());
        continue;
      }
      lagSeconds = Math.max(lagSeconds, age(history, committed, now));
      Still s = still.get(p.partition());
      if (s == null || s.committed() != committed || running == 0) {
        still.put(p.partition(), new Still(committed, now));
      } else if (!s.since().plus(persistentLag).isAfter(now)) {
        stuckLag += p.lag();
        stuckPartitions++;
      }
    }
    ends.keySet().retainAll(partitions.stream().map(PartitionLag::partition).toList());
    samples.addLast(new Sample(now, endSum, committedSum, lag, lagSeconds, running, workers));
    while (samples.size() > 1 && samples.peekFirst().at().isBefore(now.minus(HISTORY))) {
      samples.removeFirst();
    }
    measureTaskRate(now, running, workers, lagThreshold);
    return new Figures(
        lag,
        lagSeconds,
        stuckLag,
        stuckPartitions,
        rate(now, Sample::ends),
        rate(now, Sample::committed),
        taskRate);
  }

  // the age of the oldest record past the commit: the first time an end offset went past it
  private static double age(Deque<End> history, long committed, Instant now) {
    for (End e : history) {
      if (e.offset() > committed) {
        return Duration.between(e.at(), now).toMillis() / 1000.0;
      }
    }
    return 0;
  }

  private static void prune(Deque<End> history, Instant now) {
    while (history.size() > 1 && history.peekFirst().at().isBefore(now.minus(HISTORY))) {
      history.removeFirst();
    }
  }

  private OptionalDouble rate(Instant now, java.util.function.ToLongFunction<Sample> value) {
    return rate(samples, now, Sample::at, value);
  }

  /**
   * How fast {@code value} grew, per second, from the oldest sample within {@link #RATE_WINDOW} of
   * {@code now} to the latest; empty without two such samples. Falling values count as 0.
   */
  static <S> OptionalDouble rate(
      Deque<S> samples,
      Instant now,
      java.util.function.Function<S, Instant> at,
      java.util.function.ToLongFunction<S> value) {
    S latest = samples.peekLast();
    S from = null;
    for (S s : samples) {
      if (s != latest && !at.apply(s).isBefore(now.minus(RATE_WINDOW))) {
        from = s;
        break;
      }
    }
    if (from == null) {
      return OptionalDouble.empty();
    }
    double seconds = Duration.between(at.apply(from), at.apply(latest)).toMillis() / 1000.0;
    return seconds <= 0
        ? OptionalDouble.empty()
        : OptionalDouble.of(
            Math.max(0, value.applyAsLong(latest) - value.applyAsLong(from)) / seconds);
  }

  // The rate of one task at capacity: only while the connector stayed backlogged with the same
  // running tasks on the same workers (a join or a leave between pauses the tasks: a rate measured
  // across it was a third too low in the simulator, and doubled the tasks for nothing), over at
  // least MIN_RATE_SPAN; kept from the last time it could be measured.
  private void measureTaskRate(Instant now, int running, int workers, long lagThreshold) {
    if (running == 0 || !samples.peekLast().backlogged(lagThreshold)) {
      return;
    }
    Sample latest = samples.peekLast();
    Sample from = latest;
    Iterator<Sample> back = samples.descendingIterator();
    while (back.hasNext()) {
      Sample s = back.next();
      if (s.lag() <= lagThreshold
          || s.running() != running
          || s.workers() != workers
          || s.at().isBefore(now.minus(RATE_WINDOW))) {
        break;
      }
      from = s;
    }
    Duration span = Duration.between(from.at(), latest.at());
    long drained = latest.committed() - from.committed();
    if (span.compareTo(MIN_RATE_SPAN) >= 0 && drained > 0) {
      taskRate = OptionalDouble.of(drained / (span.toMillis() / 1000.0) / running);
    }
  }
}
