package dev.railyard.autoscale.collect;

import java.util.List;

/** CPU and memory of the worker processes, where they can be read. */
public interface WorkerMetrics {

  /**
   * One worker's counters.
   *
   * @param name the worker's name
   * @param cpuNanos CPU time it has used since it started, -1 when it cannot be read
   * @param residentBytes its resident memory, -1 when it cannot be read
   */
  record Sample(String name, long cpuNanos, long residentBytes) {}

  /** The running workers' counters now; empty when none can be read. */
  List<Sample> samples();

  /** Reads nothing: CPU and memory are unknown (e.g. on Kubernetes without a metrics API). */
  WorkerMetrics NONE = List::of;
}
