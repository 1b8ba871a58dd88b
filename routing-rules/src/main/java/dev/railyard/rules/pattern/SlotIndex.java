package dev.railyard.rules.pattern;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The branches filed under one event path, by what their anchor field holds: equality values in a
 * hash table, prefixes and suffixes (and the literal ends of wildcards) in {@link AffixTable}s,
 * numeric ranges in a {@link RangeTable}. A leaf is looked up in each once, so many rules of one
 * kind cost about one lookup per leaf. Lookups give candidates, a superset of the branches whose
 * field matches; the branch itself decides. Immutable after {@link Builder#build()}.
 */
final class SlotIndex {

  static final Object TRUE_KEY = new Object();
  static final Object FALSE_KEY = new Object();
  static final Object NULL_KEY = new Object();

  /** The key of a number that is no exact double, compared as text. */
  record NumberTextKey(String text) {}

  /** How a value test is filed. */
  enum Kind {
    EQUAL,
    PREFIX,
    SUFFIX,
    RANGE
  }

  /** A value test's place in the index: its kind and key (a value, an affix or a range). */
  record Filing(Kind kind, Object key) {}

  private final Map<Object, int[]> equal;
  private final double[] numbers;
  private final int[][] numberIds;
  private final AffixTable prefixes;
  private final AffixTable suffixes;
  private final RangeTable ranges;

  private SlotIndex(Builder b) {
    Map<Object, int[]> frozen = new HashMap<>();
    java.util.TreeMap<Double, int[]> byNumber = new java.util.TreeMap<>();
    b.equal.forEach(
        (k, ids) -> {
          int[] array = ids.stream().mapToInt(Integer::intValue).toArray();
          if (k instanceof Double d) {
            byNumber.put(d, array);
          } else {
            frozen.put(k, array);
          }
        });
    this.equal = frozen.isEmpty() ? null : frozen;
    // numbers apart, sorted, so a leaf's double is looked up without boxing it
    this.numbers = byNumber.keySet().stream().mapToDouble(Double::doubleValue).toArray();
    this.numberIds = byNumber.values().toArray(new int[0][]);
    this.prefixes = b.prefixes.build();
    this.suffixes = b.suffixes.build();
    this.ranges = b.ranges.isEmpty() ? null : new RangeTable(b.ranges);
  }

  /** Collects the filings of one slot. Not thread-safe. */
  static final class Builder {
    private final Map<Object, List<Integer>> equal = new HashMap<>();
    private final AffixTable.Builder prefixes = new AffixTable.Builder(false);
    private final AffixTable.Builder suffixes = new AffixTable.Builder(true);
    private final List<RangeTable.Entry> ranges = new ArrayList<>();

    void add(Filing filing, int branch) {
      switch (filing.kind()) {
        case EQUAL -> equal.computeIfAbsent(filing.key(), k -> new ArrayList<>(1)).add(branch);
        case PREFIX -> prefixes.add((String) filing.key(), branch);
        case SUFFIX -> suffixes.add((String) filing.key(), branch);
        case RANGE -> {
          Leaves.Range r = (Leaves.Range) filing.key();
          ranges.add(new RangeTable.Entry(r.low(), r.high(), branch));
        }
      }
    }

    SlotIndex build() {
      return new SlotIndex(this);
    }
  }

  /**
   * Where a value test can be filed, or null when it cannot (anything-but, cidr, regex,
   * equals-ignore-case, a wildcard without literal ends, a suffix that also sees numbers).
   */
  static Filing filing(ValueTest t) {
    if (t instanceof Leaves.ExactString s) {
      return new Filing(Kind.EQUAL, s.expected());
    }
    if (t instanceof Leaves.NumberEquals n) {
      return new Filing(Kind.EQUAL, n.expected());
    }
    if (t instanceof Leaves.NumberText n) {
      return new Filing(Kind.EQUAL, new NumberTextKey(n.expected()));
    }
    if (t instanceof Leaves.Literal l) {
      Object key =
          l.kind() == EventBuffer.TRUE
              ? TRUE_KEY
              : l.kind() == EventBuffer.FALSE ? FALSE_KEY : NULL_KEY;
      return new Filing(Kind.EQUAL, key);
    }
    if (t instanceof TextTests.Prefix p) {
      return new Filing(Kind.PREFIX, p.prefix());
    }
    if (t instanceof TextTests.Suffix s && !s.numericField()) {
      return new Filing(Kind.SUFFIX, s.suffix());
    }
    if (t instanceof Leaves.Range r) {
      return new Filing(Kind.RANGE, r);
    }
    if (t instanceof TextTests.Wildcard w) {
      return wildcard(w.parts());
    }
    return null;
  }

  /**
   * A wildcard's string starts with its first literal part and ends with its last: filed under the
   * longer of the two.
   */
  private static Filing wildcard(String[] parts) {
    String first = parts[0];
    String last = parts[parts.length - 1];
    if (parts.length == 1 || first.length() >= last.length()) {
      return first.isEmpty() && parts.length > 1 ? null : new Filing(Kind.PREFIX, first);
    }
    return new Filing(Kind.SUFFIX, last);
  }

  /** Calls {@code visitor} with the candidate branches for leaf {@code v}. */
  void candidates(EventBuffer event, int v, IntConsumer visitor) {
    byte kind = event.kind(v);
    if (kind == EventBuffer.NUMBER) {
      numberCandidates(event, v, visitor);
    } else if (equal != null) {
      lookup(eventKey(event, v, kind), visitor);
    }
    if (kind == EventBuffer.STRING) {
      if (prefixes != null) {
        prefixes.lookup(event.normalized(v), visitor);
      }
      if (suffixes != null) {
        suffixes.lookup(event.normalized(v), visitor);
      }
    }
  }

  private void numberCandidates(EventBuffer event, int v, IntConsumer visitor) {
    if (numbers.length == 0 && ranges == null && equal == null) {
      return;
    }
    double d = event.number(v);
    if (Double.isNaN(d)) {
      if (equal != null) {
        lookup(new NumberTextKey(event.text(v)), visitor);
      }
      return;
    }
    // Double.compare order, as Double.equals had it in the hash table: -0.0 never gets here
    int at = java.util.Arrays.binarySearch(numbers, d);
    if (at >= 0) {
      for (int b : numberIds[at]) {
        visitor.accept(b);
      }
    }
    if (ranges != null) {
      ranges.stab(d, visitor);
    }
  }

  private void lookup(Object key, IntConsumer visitor) {
    if (key == null) {
      return;
    }
    int[] ids = equal.get(key);
    if (ids != null) {
      for (int b : ids) {
        visitor.accept(b);
      }
    }
  }

  private static Object eventKey(EventBuffer event, int v, byte kind) {
    switch (kind) {
      case EventBuffer.STRING:
        return event.text(v);
      case EventBuffer.TRUE:
        return TRUE_KEY;
      case EventBuffer.FALSE:
        return FALSE_KEY;
      default:
        return NULL_KEY;
    }
  }
}
