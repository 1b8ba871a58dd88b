package dev.railyard.api.platform;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** The Connect worker pool as the API sees it. Thread-safe. */
public interface WorkerControl {

  /** A snapshot of the workers, ordered by name; never null. */
  List<WorkerInfo> workers();

  /**
   * Starts or gracefully stops workers until {@code count} run.
   *
   * @return the workers once every started worker answers on its REST port and every stopped one
   *     has left the group
   * @throws IllegalArgumentException (synchronously) when count is outside the allowed range; its
   *     message says the range
   */
  CompletionStage<List<WorkerInfo>> scaleTo(int count);

  /** The smallest and largest worker count {@link #scaleTo} accepts. */
  int minWorkers();

  int maxWorkers();

  /**
   * Replaces every worker with a fresh one, one at a time, starting the new worker before stopping
   * an old one, so connectors keep running (workers read plugin.path only when they start). Returns
   * at once; a rolling restart requested while another waits to start joins that one.
   */
  RolloutInfo rollingRestart(String reason);

  /** The latest rolling restart, if there was one. */
  Optional<RolloutInfo> rollout();

  /**
   * Progress of a rolling restart.
   *
   * @param id identifies it
   * @param state PENDING, RUNNING, DONE or FAILED
   * @param reason why it was started
   * @param replaced how many workers have been replaced so far
   * @param total how many workers it replaces
   * @param message the last step, or why it failed
   * @param startedAt when it was requested
   * @param finishedAt when it ended, null while it runs
   */
  record RolloutInfo(
      String id,
      String state,
      String reason,
      int replaced,
      int total,
      String message,
      Instant startedAt,
      Instant finishedAt) {}

  /** The REST base URL (e.g. {@code http://127.0.0.1:41234}) of a running worker, if any. */
  Optional<String> connectRestUrl();

  /**
   * One worker.
   *
   * @param name stable name within the pool, e.g. {@code worker-1}
   * @param connectWorkerId the Connect worker id ({@code host:port}), null until it has started
   * @param restUrl its REST base URL, null until it has started
   * @param state STARTING, RUNNING, STOPPING, RESTARTING, STOPPED or FAILED (it exited on a
   *     configuration error and is not restarted)
   * @param pid the OS process id, or -1 when there is none
   * @param startedAt when the current process started, null when there is none
   * @param restarts how often the pool restarted it after it died
   * @param lastError why its last process exited unexpectedly, with the end of its standard error;
   *     null when none did
   */
  record WorkerInfo(
      String name,
      String connectWorkerId,
      String restUrl,
      String state,
      long pid,
      Instant startedAt,
      int restarts,
      String lastError) {}
}
