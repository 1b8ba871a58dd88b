package dev.railyard.rules.pattern;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * Finds the few branches of many rules worth evaluating for an event. Each branch with a field
 * whose values can all be filed (equalities, prefixes, suffixes, wildcards with a literal end,
 * numeric ranges; see {@link SlotIndex#filing}) is filed under that field's values; an event then
 * looks up its own leaves at those fields. Branches without such a field are always evaluated.
 * Immutable after construction.
 */
final class RuleIndex {

  private final int[] slots;
  private final SlotIndex[] bySlot;
  private final int[] always;

  RuleIndex(Branch[] branches) {
    Map<Integer, SlotIndex.Builder> builders = new TreeMap<>();
    List<Integer> rest = new ArrayList<>();
    Map<List<Object>, Integer> shared = sharing(branches);
    for (int b = 0; b < branches.length; b++) {
      FieldMatcher anchor = anchor(branches[b], shared);
      if (anchor == null) {
        rest.add(b);
        continue;
      }
      SlotIndex.Builder slot = builders.computeIfAbsent(anchor.slot, s -> new SlotIndex.Builder());
      for (ValueTest t : anchor.tests()) {
        slot.add(SlotIndex.filing(t), b);
      }
    }
    this.slots = builders.keySet().stream().mapToInt(Integer::intValue).toArray();
    this.bySlot =
        builders.values().stream().map(SlotIndex.Builder::build).toArray(SlotIndex[]::new);
    this.always = rest.stream().mapToInt(Integer::intValue).toArray();
  }

  /** How many branches could be filed under each (slot, filing): the fewer, the more selective. */
  private static Map<List<Object>, Integer> sharing(Branch[] branches) {
    Map<List<Object>, Integer> counts = new HashMap<>();
    for (Branch branch : branches) {
      for (FieldMatcher f : branch.fields) {
        if (indexable(f)) {
          for (ValueTest t : f.tests()) {
            counts.merge(List.of(f.slot, SlotIndex.filing(t)), 1, Integer::sum);
          }
        }
      }
    }
    return counts;
  }

  /**
   * The field to file a branch under: of those whose values can all be filed, the one expected to
   * offer it least often: few branches share its values, and equality beats an affix, an affix a
   * range.
   */
  private static FieldMatcher anchor(Branch branch, Map<List<Object>, Integer> shared) {
    FieldMatcher best = null;
    long bestCost = Long.MAX_VALUE;
    for (FieldMatcher f : branch.fields) {
      if (!indexable(f)) {
        continue;
      }
      long cost = 0;
      for (ValueTest t : f.tests()) {
        SlotIndex.Filing filing = SlotIndex.filing(t);
        cost += shared.get(List.of(f.slot, filing)) * weight(filing);
      }
      if (cost < bestCost) {
        best = f;
        bestCost = cost;
      }
    }
    return best;
  }

  /** A rough guess of how many leaves a filing lets through, relative to one equality. */
  private static long weight(SlotIndex.Filing filing) {
    return switch (filing.kind()) {
      case EQUAL -> 1;
      case PREFIX, SUFFIX -> ((String) filing.key()).isEmpty() ? 1_000_000 : 8;
      case RANGE -> 64;
    };
  }

  private static boolean indexable(FieldMatcher f) {
    ValueTest[] tests = f.tests();
    return !f.exists
        && !f.absent
        && tests.length > 0
        && Arrays.stream(tests).allMatch(t -> SlotIndex.filing(t) != null);
  }

  /** How many branches are evaluated for every event, whatever it holds. */
  int alwaysEvaluated() {
    return always.length;
  }

  /** Calls {@code visitor} with every candidate branch id (possibly more than once). */
  void candidates(EventBuffer event, IntConsumer visitor) {
    for (int b : always) {
      visitor.accept(b);
    }
    for (int i = 0; i < slots.length; i++) {
      SlotIndex index = bySlot[i];
      for (int v = event.first(slots[i]); v >= 0; v = event.next(v)) {
        index.candidates(event, v, visitor);
      }
    }
  }
}
