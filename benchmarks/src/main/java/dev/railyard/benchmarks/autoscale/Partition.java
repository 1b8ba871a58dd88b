package dev.railyard.benchmarks.autoscale;

import java.util.ArrayDeque;

/**
 * One partition of the topic: its end offset, how far the task holding it has processed and
 * committed, and when each record not yet processed arrived (by the second), oldest first.
 */
final class Partition {

  /** Less than this many records is none: draining shares records out in fractions. */
  static final double EMPTY = 1e-6;

  double end;
  double processed;
  double committed;
  private final ArrayDeque<double[]> waiting = new ArrayDeque<>();

  double backlog() {
    return end - processed;
  }

  void arrive(long at, double records) {
    if (records > 0) {
      end += records;
      waiting.add(new double[] {at, records});
    }
  }

  void consume(double records) {
    processed += records;
    double left = records;
    while (left > EMPTY && !waiting.isEmpty()) {
      double[] head = waiting.peek();
      double take = Math.min(head[1], left);
      head[1] -= take;
      left -= take;
      if (head[1] <= EMPTY) {
        waiting.poll();
      }
    }
  }

  /** Seconds since the oldest record not yet processed arrived; 0 when there is none. */
  long age(long now) {
    return waiting.isEmpty() ? 0 : now - (long) waiting.peek()[0];
  }
}
