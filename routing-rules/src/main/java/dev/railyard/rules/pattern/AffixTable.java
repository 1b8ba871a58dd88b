package dev.railyard.rules.pattern;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntConsumer;

/**
 * Branch ids filed under string prefixes (or suffixes), found for a string leaf in one pass over
 * its characters, however many keys there are: the pass hashes the leaf's leading (trailing)
 * characters and probes the table only at the key lengths that occur. Immutable after {@link
 * Builder#build()}.
 *
 * <p>Keys are compared as event-ruler sees a string leaf, with its quotes: a prefix key matches
 * when {@code content"} starts with it, a suffix key when {@code "content} ends with it (so a
 * prefix {@code ab"} matches exactly {@code ab}, and the empty key every string).
 */
final class AffixTable {

  private final boolean suffix;
  private final int[] lengths;
  private final String[] keys;
  private final int[] hashes;
  private final int[][] ids;
  private final int mask;

  private AffixTable(boolean suffix, Map<String, List<Integer>> byKey) {
    this.suffix = suffix;
    TreeSet<Integer> distinct = new TreeSet<>();
    byKey.keySet().forEach(k -> distinct.add(k.length()));
    this.lengths = distinct.stream().mapToInt(Integer::intValue).toArray();
    int size = Integer.highestOneBit(Math.max(4, byKey.size() * 2 - 1)) << 1;
    this.mask = size - 1;
    this.keys = new String[size];
    this.hashes = new int[size];
    this.ids = new int[size][];
    byKey.forEach(
        (key, branches) -> {
          String walked = suffix ? reversed(key) : key;
          int h = walked.hashCode();
          int i = spread(h) & mask;
          while (keys[i] != null) {
            i = (i + 1) & mask;
          }
          keys[i] = walked;
          hashes[i] = h;
          ids[i] = branches.stream().mapToInt(Integer::intValue).toArray();
        });
  }

  /** Collects keys and the branches filed under each. Not thread-safe. */
  static final class Builder {
    private final boolean suffix;
    private final Map<String, List<Integer>> byKey = new LinkedHashMap<>();

    Builder(boolean suffix) {
      this.suffix = suffix;
    }

    void add(String key, int branch) {
      byKey.computeIfAbsent(key, k -> new ArrayList<>(1)).add(branch);
    }

    /** The table, or null when no key was added. */
    AffixTable build() {
      return byKey.isEmpty() ? null : new AffixTable(suffix, byKey);
    }
  }

  /** Calls {@code visitor} with every branch filed under a key that {@code content} matches. */
  void lookup(String content, IntConsumer visitor) {
    int length = content.length();
    int[] lens = lengths;
    int next = 0;
    if (lens[0] == 0) {
      probe(0, 0, content, visitor);
      next = 1;
    }
    int h = 0;
    for (int i = 0; next < lens.length && i <= length; i++) {
      h = 31 * h + walk(content, length, i);
      if (i + 1 == lens[next]) {
        probe(h, i + 1, content, visitor);
        next++;
      }
    }
  }

  /** The i-th character met walking {@code content"} forward, or {@code "content} backward. */
  private char walk(String content, int length, int i) {
    if (i == length) {
      return '"';
    }
    return suffix ? content.charAt(length - 1 - i) : content.charAt(i);
  }

  private void probe(int h, int keyLength, String content, IntConsumer visitor) {
    int length = content.length();
    for (int i = spread(h) & mask; keys[i] != null; i = (i + 1) & mask) {
      if (hashes[i] == h && keys[i].length() == keyLength && same(keys[i], content, length)) {
        for (int b : ids[i]) {
          visitor.accept(b);
        }
      }
    }
  }

  private boolean same(String key, String content, int length) {
    for (int i = 0, n = key.length(); i < n; i++) {
      if (key.charAt(i) != walk(content, length, i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The UTF-16 units of {@code key} backwards, as the lookup walks them (StringBuilder.reverse
   * would keep surrogate pairs in order).
   */
  private static String reversed(String key) {
    char[] units = new char[key.length()];
    for (int i = 0; i < units.length; i++) {
      units[i] = key.charAt(units.length - 1 - i);
    }
    return new String(units);
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }
}
