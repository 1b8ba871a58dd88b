package dev.railyard.autoscale.policy;

/** Task counts that spread a connector's partitions evenly. Stateless. */
final class Partitions {

  private Partitions() {}

  /**
   * The task count nearest above {@code wanted} that divides {@code partitions}, within [lo, hi]:
   * the smallest divisor at or above {@code wanted}; when that is above {@code hi}, the largest
   * divisor at or below {@code hi}; when no divisor fits the bounds, {@code wanted} clamped to them
   * (the bounds win over evenness).
   */
  static int evenTasks(int wanted, int partitions, int lo, int hi) {
    int n = Math.max(lo, Math.min(hi, wanted));
    for (int d = n; d <= hi; d++) {
      if (partitions % d == 0) {
        return d;
      }
    }
    for (int d = hi; d >= lo; d--) {
      if (partitions % d == 0) {
        return d;
      }
    }
    return n;
  }

  /** The next even count below {@code current}, not below {@code lo}; {@code lo} when none. */
  static int stepDown(int current, int partitions, int lo) {
    for (int d = current - 1; d > lo; d--) {
      if (partitions > 0 && partitions % d == 0) {
        return d;
      }
    }
    return Math.min(current, lo);
  }
}
