package dev.railyard.rules.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RangeTableTest {

  private static TreeSet<Integer> stab(List<RangeTable.Entry> entries, double value) {
    TreeSet<Integer> found = new TreeSet<>();
    new RangeTable(entries).stab(value, found::add);
    return found;
  }

  @Test
  void shouldOfferRangesWithTheValueOnEitherBound() {
    List<RangeTable.Entry> entries =
        List.of(
            new RangeTable.Entry(5, Double.MAX_VALUE, 0),
            new RangeTable.Entry(-Double.MAX_VALUE, 5, 1),
            new RangeTable.Entry(5, 5, 2),
            new RangeTable.Entry(6, 7, 3));

    assertThat(stab(entries, 5)).containsExactly(0, 1, 2);
    assertThat(stab(entries, 6.5)).containsExactly(0, 3);
    assertThat(stab(entries, 4.999)).containsExactly(1);
  }

  @Test
  void shouldTakeMinusZeroAsZero() {
    List<RangeTable.Entry> entries =
        List.of(new RangeTable.Entry(0, 1, 0), new RangeTable.Entry(-1, 0, 1));

    assertThat(stab(entries, -0.0)).containsExactly(0, 1);
    assertThat(stab(entries, 0.0)).containsExactly(0, 1);
  }

  @Test
  void shouldReachTheEndsOfTheDoubleRange() {
    List<RangeTable.Entry> entries =
        List.of(
            new RangeTable.Entry(1e300, Double.MAX_VALUE, 0),
            new RangeTable.Entry(-Double.MAX_VALUE, -1e300, 1));

    assertThat(stab(entries, Double.MAX_VALUE)).containsExactly(0);
    assertThat(stab(entries, -Double.MAX_VALUE)).containsExactly(1);
    assertThat(stab(entries, 4.9e-324)).isEmpty();
  }

  @Test
  void shouldFindExactlyTheRangesABruteForceScanFinds() {
    Random random = new Random(5);
    for (int round = 0; round < 200; round++) {
      List<RangeTable.Entry> entries = new ArrayList<>();
      for (int i = random.nextInt(400); i >= 0; i--) {
        double a = random.nextInt(100) - 50;
        double b = random.nextBoolean() ? a : a + random.nextInt(30);
        entries.add(new RangeTable.Entry(a, b, entries.size()));
      }
      for (int q = 0; q < 40; q++) {
        double value = (random.nextInt(2200) - 1100) / 20.0;
        TreeSet<Integer> expected = new TreeSet<>();
        for (RangeTable.Entry e : entries) {
          if (e.low() <= value && value <= e.high()) {
            expected.add(e.branch());
          }
        }
        assertThat(stab(entries, value)).as("%s in %s", value, entries).isEqualTo(expected);
      }
    }
  }
}
