package dev.railyard.autoscale.collect;

import dev.railyard.autoscale.collect.LogSourceOffsets.FileOffset;
import dev.railyard.autoscale.policy.SourceBacklog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.ToLongFunction;

/**
 * What earlier collections saw of one log source's committed offsets, and what follows: bytes
 * behind, the drain rate (committed positions' growth) and arrival rate (the sizes' growth) over
 * the last {@link ConnectorHistory#RATE_WINDOW}, the per-task rate while behind, and the files
 * whose position stands still while behind. Not thread-safe; the collector calls it from one
 * thread.
 */
final class SourceHistory {

  private record Sample(
      Instant at, long drained, long arrived, long behind, int running, int workers) {}

  private record Still(long position, Instant since) {}

  private final Deque<Sample> samples = new ArrayDeque<>();
  private final Map<String, FileOffset> last = new HashMap<>();
  private final Map<String, Still> still = new HashMap<>();
  private long drained;
  private long arrived;
  private OptionalDouble taskRate = OptionalDouble.empty();

  /**
   * Adds this collection's offsets and computes the backlog.
   *
   * @param files the files it reads, as their committed offsets say
   * @param mostTasks the most tasks it can use
   * @param running its tasks running now
   * @param workers the workers running now (a join or leave between two reads pauses its tasks)
   * @param persistentLag how long a position may stand still while behind before it is stuck
   */
  SourceBacklog add(
      Instant now,
      List<FileOffset> files,
      int mostTasks,
      int running,
      int workers,
      Duration persistentLag) {
    long behind = 0;
    long stuckBytes = 0;
    int stuckFiles = 0;
    int withoutSize = 0;
    for (FileOffset f : files) {
      advance(f);
      if (f.size() < 0) {
        withoutSize++;
      }
      if (f.behind() == 0) {
        still.remove(f.path());
        continue;
      }
      Still s = still.get(f.path());
      if (s == null || s.position() != f.position() || running == 0) {
        still.put(f.path(), new Still(f.position(), now));
        behind += f.behind();
      } else if (!s.since().plus(persistentLag).isAfter(now)) {
        stuckBytes += f.behind();
        stuckFiles++;
      } else {
        behind += f.behind();
      }
    }
    List<String> paths = files.stream().map(FileOffset::path).toList();
    last.keySet().retainAll(paths);
    still.keySet().retainAll(paths);
    samples.addLast(new Sample(now, drained, arrived, behind, running, workers));
    while (samples.size() > 1
        && samples.peekFirst().at().isBefore(now.minus(ConnectorHistory.HISTORY))) {
      samples.removeFirst();
    }
    measureTaskRate(now, running, workers);
    return new SourceBacklog(
        behind,
        stuckBytes,
        files.size(),
        stuckFiles,
        withoutSize,
        mostTasks,
        rate(now, Sample::arrived),
        rate(now, Sample::drained),
        taskRate);
  }

  // what was read and what was written since the last read of this file: along one generation the
  // growth of position and size; across a rotation the rest of the old generation (the task reads
  // it to its end before it moves on) and the new one so far
  private void advance(FileOffset f) {
    FileOffset before = last.put(f.path(), f);
    if (before == null) {
      return;
    }
    boolean sized = f.size() >= 0 && before.size() >= 0;
    if (f.generation().equals(before.generation()) && f.position() >= before.position()) {
      drained += f.position() - before.position();
      arrived += sized ? Math.max(0, f.size() - before.size()) : 0;
    } else if (!f.generation().equals(before.generation())) {
      drained += f.position() + before.behind();
      arrived += sized ? f.size() : 0;
    }
  }

  private OptionalDouble rate(Instant now, ToLongFunction<Sample> value) {
    return ConnectorHistory.rate(samples, now, Sample::at, value);
  }

  // one task's rate at capacity: only while behind with the same running tasks on the same
  // workers over at least MIN_RATE_SPAN (sources commit every offset.flush.interval.ms, 5 s);
  // kept from the last time it could be measured
  private void measureTaskRate(Instant now, int running, int workers) {
    Sample latest = samples.peekLast();
    if (running == 0 || latest.behind() <= SourceBacklog.BACKLOG_BYTES) {
      return;
    }
    Sample from = latest;
    Iterator<Sample> back = samples.descendingIterator();
    while (back.hasNext()) {
      Sample s = back.next();
      if (s.behind() <= SourceBacklog.BACKLOG_BYTES
          || s.running() != running
          || s.workers() != workers
          || s.at().isBefore(now.minus(ConnectorHistory.RATE_WINDOW))) {
        break;
      }
      from = s;
    }
    Duration span = Duration.between(from.at(), latest.at());
    long read = latest.drained() - from.drained();
    if (span.compareTo(ConnectorHistory.MIN_RATE_SPAN) >= 0 && read > 0) {
      taskRate = OptionalDouble.of(read / (span.toMillis() / 1000.0) / running);
    }
  }
}
