package dev.railyard.host.workers;

import dev.railyard.embedded.worker.WorkerProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * One running Connect worker as the pool drives it: a child JVM ({@link #of(WorkerProcess)}), or in
 * the pool's tests a worker in memory. Thread-safe as the process it stands for.
 */
interface WorkerHandle {

  long pid();

  Instant startedAt();

  /** Completes with the exit code when the worker ends, asked to or not. */
  CompletableFuture<Integer> onExit();

  /**
   * Whether it said it started (its REST port), so an exit after that is a crash, not bad config.
   */
  boolean hasAnnounced();

  /** The end of its standard error, empty when it wrote none. */
  String stderrTail();

  /** Its REST base URL, null before it started. */
  String restUrl();

  /** Connect's id of it ({@code host:port}), null before it started. */
  String workerId();

  /**
   * Waits until it answers on its REST port.
   *
   * @throws IllegalStateException when it exits first or does not answer in time
   */
  String awaitReady(Duration timeout);

  /** Stops it gracefully (it leaves the group), killing it after {@code timeout}. */
  boolean stop(Duration timeout);

  /** Kills it as a crash would. */
  void kill();

  /** A child worker JVM. */
  static WorkerHandle of(WorkerProcess p) {
    return new WorkerHandle() {
      @Override
      public long pid() {
        return p.pid();
      }

      @Override
      public Instant startedAt() {
        return p.startedAt();
      }

      @Override
      public CompletableFuture<Integer> onExit() {
        return p.onExit();
      }

      @Override
      public boolean hasAnnounced() {
        return p.hasAnnounced();
      }

      @Override
      public String stderrTail() {
        return p.stderrTail();
      }

      @Override
      public String restUrl() {
        return p.restUrl();
      }

      @Override
      public String workerId() {
        return p.workerId();
      }

      @Override
      public String awaitReady(Duration timeout) {
        return p.awaitReady(timeout);
      }

      @Override
      public boolean stop(Duration timeout) {
        return p.stop(timeout);
      }

      @Override
      public void kill() {
        p.kill();
      }
    };
  }
}
