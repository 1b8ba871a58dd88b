package dev.railyard.host.rules;

import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.Outcome.Kind;
import dev.railyard.host.DaemonThreads;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs rule operations one at a time, in the order they came, on one thread of their own, with a
 * bounded queue of those waiting: an operation beyond it is answered {@code UNAVAILABLE} at once
 * instead of piling up. Thread-safe.
 */
final class RuleChanges implements AutoCloseable {

  /** One operation, answering a {@code T}. */
  interface Work<T> {
    Outcome<T> call() throws Exception;
  }

  private final int queued;
  private final ThreadPoolExecutor thread;

  RuleChanges(int queued) {
    this.queued = queued;
    this.thread =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(queued),
            DaemonThreads.named("railyard-rules"));
  }

  /** Queues {@code work}; its outcome, or a refusal when the queue is full. */
  <T> CompletableFuture<Outcome<T>> run(Work<T> work) {
    try {
      return CompletableFuture.supplyAsync(
          () -> {
            try {
              return work.call();
            } catch (RuntimeException e) {
              throw e;
            } catch (Exception e) {
              throw new IllegalStateException(e.getMessage(), e);
            }
          },
          thread);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.completedFuture(
          Outcome.refused(
              Kind.UNAVAILABLE,
              "TOO_MANY_RULE_CHANGES",
              queued
                  + " rule changes are waiting already (rules.max.queued.changes); retry when"
                  + " they are done",
              Map.of("max", queued)));
    }
  }

  @Override
  public void close() {
    thread.shutdown();
  }
}
