package dev.railyard.sinks.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The linger's clock and timer, moved by the test: scheduled tasks run, on the test's thread, when
 * {@link #advance} passes their time. Thread-safe.
 */
final class ManualTimer implements Lingering.Timer {

  private record Task(long at, Runnable run) {}

  private final List<Task> tasks = new ArrayList<>();
  private long now;

  @Override
  public synchronized long nanoTime() {
    return now;
  }

  @Override
  public synchronized void schedule(Runnable task, long delayNanos) {
    tasks.add(new Task(now + delayNanos, task));
  }

  /** Moves time on, then runs every task that has come due. */
  void advance(Duration by) {
    List<Task> due = new ArrayList<>();
    synchronized (this) {
      now += by.toNanos();
      tasks.removeIf(t -> t.at() <= now && due.add(t));
    }
    due.forEach(t -> t.run().run());
  }
}
