package dev.railyard.autoscale.actuate;

import java.util.concurrent.CompletionStage;

/**
 * The Connect workers of the platform as the autoscaler sees them: how many run, how many were
 * asked for, and a way to ask for another count. Implemented by the child-process worker pool and
 * by the replica count of a Kubernetes resource ({@code autoscale}'s {@code kubernetes} package).
 * Implementations are thread-safe: any thread may read the counts while a scale request runs;
 * requests run one at a time, in the order made, so the last one made is the count the workers end
 * at.
 */
public interface WorkerActuator {

  /**
   * Workers running and ready to take tasks now; never above {@link #desiredWorkers()} for long.
   */
  int currentWorkers();

  /**
   * The count the workers are heading for: the last count {@link #scaleTo} accepted, or the count
   * started with before any request.
   */
  int desiredWorkers();

  /** The smallest count {@link #scaleTo} accepts. */
  int minWorkers();

  /** The largest count {@link #scaleTo} accepts. */
  int maxWorkers();

  /**
   * Asks for {@code count} workers and returns at once.
   *
   * @return completes when the workers asked for are running (or the extra ones stopped), fails
   *     with the reason when one could not start
   * @throws IllegalArgumentException when {@code count} is outside [{@link #minWorkers()}, {@link
   *     #maxWorkers()}]
   */
  CompletionStage<?> scaleTo(int count);
}
