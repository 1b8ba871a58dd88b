package dev.railyard.autoscale.policy;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What a source connector that exposes its backlog is behind, in bytes, as its committed offsets
 * say: for the log source, per file the size when its last committed line was read minus that
 * line's end. Immutable.
 *
 * @param bytesBehind bytes not yet sent on the files that are not stuck
 * @param stuckBytes bytes behind on files whose committed position has stood still for the
 *     persistent-lag time while behind (a file deleted or unreadable, a task that does not move):
 *     shown, not scaled on
 * @param files the files (source partitions) with a committed offset the connector still reads
 * @param stuckFiles how many of them are stuck
 * @param filesWithoutSize how many of them have an offset that carries no size (written by a
 *     version before the size was added): their bytes behind are unknown and not counted
 * @param mostTasks the most tasks the connector can use (the log source: one a file, or one a
 *     pattern while its files are still to come)
 * @param arrivalRate bytes per second its files grew, when measured
 * @param drainRate bytes per second its committed positions advanced, when measured
 * @param taskRate bytes per second one task reads while behind, when ever measured
 */
public record SourceBacklog(
    long bytesBehind,
    long stuckBytes,
    int files,
    int stuckFiles,
    int filesWithoutSize,
    int mostTasks,
    OptionalDouble arrivalRate,
    OptionalDouble drainRate,
    OptionalDouble taskRate) {

  /**
   * Below this many bytes behind a source keeps up: a last line without its end, lines written
   * between the read and its size. A per-task rate is measured only above it.
   */
  public static final long BACKLOG_BYTES = 1 << 20;

  public SourceBacklog {
    Objects.requireNonNull(arrivalRate, "arrivalRate");
    Objects.requireNonNull(drainRate, "drainRate");
    Objects.requireNonNull(taskRate, "taskRate");
  }

  /** Whether it has work: bytes behind beyond {@link #BACKLOG_BYTES}, or files growing. */
  public boolean busy() {
    return bytesBehind > BACKLOG_BYTES || arrivalRate.orElse(0) > 0;
  }
}
