package dev.railyard.rules.pattern;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the few branches of many rules worth evaluating for an event. Each branch with a field
 * whose values are all plain equalities (strings, numbers, true, false, null) is filed under those
 * values; an event then looks up its own leaves at those fields. Branches without such a field are
 * always evaluated. Immutable after construction.
 */
final class RuleIndex {

  private static final Object TRUE_KEY = new Object();
  private static final Object FALSE_KEY = new Object();
  private static final Object NULL_KEY = new Object();

  /** The key of a number that is no exact double, compared as text. */
  private record NumberTextKey(String text) {}

  private final int[] slots;
  private final Map<Object, int[]>[] bySlot;
  private final int[] always;

  @SuppressWarnings({"unchecked", "rawtypes"})
  RuleIndex(Branch[] branches) {
    Map<Integer, Map<Object, List<Integer>>> index = new HashMap<>();
    List<Integer> rest = new ArrayList<>();
    Map<List<Object>, Integer> shared = sharing(branches);
    for (int b = 0; b < branches.length; b++) {
      FieldMatcher anchor = anchor(branches[b], shared);
      if (anchor == null) {
        rest.add(b);
        continue;
      }
      Map<Object, List<Integer>> keys = index.computeIfAbsent(anchor.slot, s -> new HashMap<>());
      for (ValueTest t : anchor.tests()) {
        keys.computeIfAbsent(key(t), k -> new ArrayList<>(1)).add(b);
      }
    }
    this.slots = index.keySet().stream().mapToInt(Integer::intValue).toArray();
    this.bySlot = new Map[slots.length];
    for (int i = 0; i < slots.length; i++) {
      Map<Object, int[]> frozen = new HashMap<>();
      index
          .get(slots[i])
          .forEach((k, ids) -> frozen.put(k, ids.stream().mapToInt(Integer::intValue).toArray()));
      bySlot[i] = frozen;
    }
    this.always = rest.stream().mapToInt(Integer::intValue).toArray();
  }

  /** How many branches could be filed under each (slot, value): the fewer, the more selective. */
  private static Map<List<Object>, Integer> sharing(Branch[] branches) {
    Map<List<Object>, Integer> counts = new HashMap<>();
    for (Branch branch : branches) {
      for (FieldMatcher f : branch.fields) {
        if (indexable(f)) {
          for (ValueTest t : f.tests()) {
            counts.merge(List.of(f.slot, key(t)), 1, Integer::sum);
          }
        }
      }
    }
    return counts;
  }

  /**
   * The field to file a branch under: of those whose values are all equalities, the one fewest
   * share.
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
        cost += shared.get(List.of(f.slot, key(t)));
      }
      if (cost < bestCost) {
        best = f;
        bestCost = cost;
      }
    }
    return best;
  }

  private static boolean indexable(FieldMatcher f) {
    return !f.exists && !f.absent && Arrays.stream(f.tests()).allMatch(t -> key(t) != null);
  }

  private static Object key(ValueTest t) {
    if (t instanceof Leaves.ExactString s) {
      return s.expected();
    }
    if (t instanceof Leaves.NumberEquals n) {
      return n.expected();
    }
    if (t instanceof Leaves.NumberText n) {
      return new NumberTextKey(n.expected());
    }
    if (t instanceof Leaves.Literal l) {
      return l.kind() == EventBuffer.TRUE
          ? TRUE_KEY
          : l.kind() == EventBuffer.FALSE ? FALSE_KEY : NULL_KEY;
    }
    return null;
  }

  /** Calls {@code visitor} with every candidate branch id (possibly more than once). */
  void candidates(EventBuffer event, java.util.function.IntConsumer visitor) {
    for (int b : always) {
      visitor.accept(b);
    }
    for (int i = 0; i < slots.length; i++) {
      Map<Object, int[]> keys = bySlot[i];
      for (int v = event.first(slots[i]); v >= 0; v = event.next(v)) {
        lookup(keys, eventKey(event, v), visitor);
        if (event.kind(v) == EventBuffer.NUMBER && Double.isNaN(event.number(v))) {
          lookup(keys, new NumberTextKey(event.text(v)), visitor);
        }
      }
    }
  }

  private static void lookup(
      Map<Object, int[]> keys, Object key, java.util.function.IntConsumer visitor) {
    if (key == null) {
      return;
    }
    int[] ids = keys.get(key);
    if (ids != null) {
      for (int b : ids) {
        visitor.accept(b);
      }
    }
  }

  private static Object eventKey(EventBuffer event, int v) {
    switch (event.kind(v)) {
      case EventBuffer.STRING:
        return event.text(v);
      case EventBuffer.NUMBER:
        double d = event.number(v);
        return Double.isNaN(d) ? null : d;
      case EventBuffer.TRUE:
        return TRUE_KEY;
      case EventBuffer.FALSE:
        return FALSE_KEY;
      default:
        return NULL_KEY;
    }
  }
}
