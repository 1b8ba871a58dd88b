package dev.railyard.sources.syslog;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The bounded queue between a task's listeners and its poll: a full queue drops UDP datagrams
 * (counted) and holds TCP readers back until there is room, so TCP senders feel the backpressure.
 * Thread-safe.
 */
final class Inbox {

  private final BlockingQueue<Received> queue;
  private final SyslogMetrics metrics;
  private volatile boolean open = true;

  Inbox(int capacity) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.metrics = new SyslogMetrics(queue);
  }

  SyslogMetrics metrics() {
    return metrics;
  }

  /** Takes a datagram if there is room, else counts it dropped. */
  void offer(Received message) {
    if (!queue.offer(message)) {
      metrics.dropped.incrementAndGet();
    }
  }

  /**
   * Waits for room; false when the inbox was closed meanwhile.
   *
   * @throws InterruptedException when the reader thread is interrupted
   */
  boolean put(Received message) throws InterruptedException {
    while (open) {
      if (queue.offer(message, 100, TimeUnit.MILLISECONDS)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Moves up to {@code max} messages into {@code into}, waiting at most {@code waitMillis} for the
   * first.
   */
  void drain(List<Received> into, int max, long waitMillis) throws InterruptedException {
    Received first = queue.poll(waitMillis, TimeUnit.MILLISECONDS);
    if (first != null) {
      into.add(first);
      queue.drainTo(into, max - 1);
    }
  }

  void close() {
    open = false;
  }

  boolean isOpen() {
    return open;
  }
}
