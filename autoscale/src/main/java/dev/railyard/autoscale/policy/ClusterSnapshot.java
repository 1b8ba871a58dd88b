package dev.railyard.autoscale.policy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Everything one collection found: every connector's load and the workers.
 *
 * @param at when the collection began
 * @param connectors every connector Connect listed, in name order
 * @param workersRunning workers running and ready: the capacity there is
 * @param workersDesired the count the workers are heading for
 * @param workerCpu the workers' average CPU as a fraction of the processors, when it can be read
 * @param problem why nothing could be read this time (Connect or Kafka down); the policy then holds
 * @param workerLoads each worker process's CPU and memory, where they can be read; for people, the
 *     policy uses {@code workerCpu}
 */
public record ClusterSnapshot(
    Instant at,
    List<ConnectorLoad> connectors,
    int workersRunning,
    int workersDesired,
    OptionalDouble workerCpu,
    java.util.Optional<String> problem,
    List<WorkerLoad> workerLoads) {

  public ClusterSnapshot {
    Objects.requireNonNull(at, "at");
    connectors = List.copyOf(connectors);
    Objects.requireNonNull(workerCpu, "workerCpu");
    Objects.requireNonNull(problem, "problem");
    workerLoads = List.copyOf(workerLoads);
  }

  /** A snapshot without per-worker readings. */
  public ClusterSnapshot(
      Instant at,
      List<ConnectorLoad> connectors,
      int workersRunning,
      int workersDesired,
      OptionalDouble workerCpu,
      java.util.Optional<String> problem) {
    this(at, connectors, workersRunning, workersDesired, workerCpu, problem, List.of());
  }

  /**
   * One worker process as last read.
   *
   * @param name the worker's name
   * @param cpu the fraction of the machine's processors it used since the last read, when known
   * @param residentBytes its resident memory, -1 when it cannot be read
   */
  public record WorkerLoad(String name, OptionalDouble cpu, long residentBytes) {}

  /** A collection that read nothing, for the reason given. */
  public static ClusterSnapshot failed(
      Instant at, int workersRunning, int workersDesired, String problem) {
    return new ClusterSnapshot(
        at,
        List.of(),
        workersRunning,
        workersDesired,
        OptionalDouble.empty(),
        java.util.Optional.of(problem));
  }
}
