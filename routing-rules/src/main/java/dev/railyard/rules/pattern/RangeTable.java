package dev.railyard.rules.pattern;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Branch ids filed under numeric ranges, found for a number by a stabbing query in a static
 * interval tree: the ranges sorted by lower bound, each subtree knowing its highest upper bound, so
 * a lookup costs a logarithm plus the ranges it returns. Bounds are taken as inclusive here (and
 * -0.0 as 0.0, as double comparison does); the branch itself still decides open ends. Immutable.
 */
final class RangeTable {

  /** A range to file: bounds as in {@link Leaves.Range}, and the branch it leads to. */
  record Entry(double low, double high, int branch) {}

  private final double[] low;
  private final double[] high;
  private final double[] maxHigh;
  private final int[] branch;

  RangeTable(List<Entry> entries) {
    Entry[] sorted = entries.toArray(new Entry[0]);
    Arrays.sort(sorted, Comparator.comparingDouble(Entry::low));
    int n = sorted.length;
    low = new double[n];
    high = new double[n];
    branch = new int[n];
    for (int i = 0; i < n; i++) {
      low[i] = sorted[i].low();
      high[i] = sorted[i].high();
      branch[i] = sorted[i].branch();
    }
    maxHigh = new double[n];
    fill(0, n);
  }

  /** The highest upper bound in [from, to), stored at the subtree's middle. */
  private double fill(int from, int to) {
    if (from >= to) {
      return Double.NEGATIVE_INFINITY;
    }
    int mid = (from + to) >>> 1;
    double max = Math.max(high[mid], Math.max(fill(from, mid), fill(mid + 1, to)));
    maxHigh[mid] = max;
    return max;
  }

  /** Calls {@code visitor} with every branch whose range holds {@code value} (not NaN). */
  void stab(double value, IntConsumer visitor) {
    stab(0, low.length, value, visitor);
  }

  private void stab(int from, int to, double value, IntConsumer visitor) {
    while (from < to) {
      int mid = (from + to) >>> 1;
      if (maxHigh[mid] < value) {
        return;
      }
      stab(from, mid, value, visitor);
      if (low[mid] > value) {
        return;
      }
      if (value <= high[mid]) {
        visitor.accept(branch[mid]);
      }
      from = mid + 1;
    }
  }
}
