package dev.railyard.api.platform.answers;

import java.util.List;
import java.util.Map;

/**
 * The autoscaler as it stands: the policy in force, the latest snapshot, the workers and connectors
 * with what was decided for them, and the last decisions. Rates and CPU are rounded to three
 * decimals; null where they could not be measured.
 *
 * @param policy every {@code autoscale.*} setting in force, in the config's order
 * @param snapshot when the latest snapshot was taken
 * @param workers the workers now, desired and decided
 * @param connectors each connector of the latest snapshot; empty before the first
 * @param decisions the last decisions of the timeline, oldest first
 */
public record AutoscaleStatus(
    Map<String, String> policy,
    Snapshot snapshot,
    Workers workers,
    List<Connector> connectors,
    List<AutoscaleDecision> decisions) {

  public AutoscaleStatus {
    policy = Copies.ordered(policy);
    connectors = List.copyOf(connectors);
    decisions = List.copyOf(decisions);
  }

  /**
   * The latest snapshot.
   *
   * @param at when it was taken, ISO-8601; null before the first
   * @param problem why it could not read everything, or null
   */
  public record Snapshot(String at, String problem) {}

  /**
   * The workers.
   *
   * @param running the workers running and ready now
   * @param desired the count the workers are heading for
   * @param decided the count the last decision asked for, or null before the first
   * @param min the fewest the policy allows
   * @param max the most the policy allows
   * @param cpu their CPU, a fraction of the processors, or null
   * @param cause why the last decision, as a word, or null before the first
   * @param reason why the last decision, as a sentence, or null before the first
   * @param failure why the last change of the count failed, while it is retried; else null
   * @param processes each worker process's CPU and memory, where they can be read
   */
  public record Workers(
      int running,
      int desired,
      Integer decided,
      int min,
      int max,
      Double cpu,
      String cause,
      String reason,
      String failure,
      List<ProcessLoad> processes) {

    public Workers {
      processes = List.copyOf(processes);
    }
  }

  /**
   * One worker process.
   *
   * @param name the worker
   * @param cpu its CPU since the last read, a fraction of the processors, or null
   * @param residentBytes its resident memory, or null
   */
  public record ProcessLoad(String name, Double cpu, Long residentBytes) {}

  /**
   * One connector of the latest snapshot.
   *
   * @param name the connector
   * @param kind {@code SINK}, {@code ROUTER} or {@code SOURCE}
   * @param state Connect's state of it
   * @param tasks its tasks now
   * @param runningTasks of them, those running
   * @param desiredTasks the tasks decided for it (its tasks now when nothing was)
   * @param partitions the partitions it reads
   * @param lag records behind on all its partitions
   * @param lagSeconds how long ago the oldest record not yet committed arrived
   * @param stuckLag the part of {@code lag} on partitions whose commit stands still
   * @param arrivalRate records per second arriving, or null
   * @param drainRate records per second committed, or null
   * @param taskRate records per second one task drains while backlogged, or null
   * @param cause why the decision for it, as a word, or null when there was none
   * @param reason why the decision for it, or why its figures could not be read; null for neither
   * @param backlog a source's bytes behind, for a source that exposes them (the log source); null
   *     for sinks, routers and other sources, and while its offsets could not be read
   */
  public record Connector(
      String name,
      String kind,
      String state,
      int tasks,
      int runningTasks,
      int desiredTasks,
      int partitions,
      long lag,
      double lagSeconds,
      long stuckLag,
      Double arrivalRate,
      Double drainRate,
      Double taskRate,
      String cause,
      String reason,
      SourceBacklog backlog) {}

  /**
   * What a source is behind, from its committed offsets.
   *
   * @param bytesBehind bytes not yet sent on its files, not counting stuck ones
   * @param stuckBytes bytes behind on files whose position has stood still for the persistent-lag
   *     time (shown, not scaled on)
   * @param files the files it reads that have a committed offset
   * @param stuckFiles of them, those stuck
   * @param filesWithoutSize of them, those whose offset carries no size yet (not counted)
   * @param mostTasks the most tasks it can use
   * @param arrivalRate bytes per second its files grow, or null
   * @param drainRate bytes per second it reads (its committed positions' growth), or null
   * @param taskRate bytes per second one task reads while behind, or null
   */
  public record SourceBacklog(
      long bytesBehind,
      long stuckBytes,
      int files,
      int stuckFiles,
      int filesWithoutSize,
      int mostTasks,
      Double arrivalRate,
      Double drainRate,
      Double taskRate) {}
}
