package dev.railyard.sources.log;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which live paths a task of the connector reads. When the connector makes its task configs it
 * lists the files its patterns match then, sorted, and deals them out in turn: task {@code i} of
 * {@code n} gets the files at {@code i}, {@code i + n}, … — so the tasks share the files evenly
 * whatever patterns they came from. A file that was not there then (it appeared later) goes to the
 * task its path's hash names. Every task gets the same list, so each file is read by exactly one
 * task of a generation and by none twice. Immutable.
 */
final class FileShares {

  /** Within a task config the files of the list are one per line (a path may hold a comma). */
  static final String SEPARATOR = "\n";

  private final int index;
  private final int count;
  private final Map<String, Integer> dealt;

  private FileShares(int index, int count, Map<String, Integer> dealt) {
    this.index = index;
    this.count = count;
    this.dealt = dealt;
  }

  /**
   * Task {@code index} of {@code count}, with the files dealt out as {@link #encode} wrote them.
   */
  static FileShares of(int index, int count, String dealtFiles) {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("task " + index + " of " + count);
    }
    Map<String, Integer> dealt = new HashMap<>();
    if (!dealtFiles.isEmpty()) {
      for (String file : dealtFiles.split(SEPARATOR, -1)) {
        dealt.putIfAbsent(file, dealt.size());
      }
    }
    return new FileShares(index, count, dealt);
  }

  /**
   * The files to deal out, as one config value: sorted and without duplicates; a path holding the
   * separator is left out (it goes by its hash, like a file appearing later).
   */
  static String encode(Set<Path> files) {
    Set<String> sorted = new TreeSet<>();
    for (Path file : files) {
      String key = key(file);
      if (!key.contains(SEPARATOR)) {
        sorted.add(key);
      }
    }
    return String.join(SEPARATOR, sorted);
  }

  /** Whether this task reads the live path {@code file}. */
  boolean mine(Path file) {
    String key = key(file);
    Integer at = dealt.get(key);
    int owner = at != null ? at % count : Math.floorMod(key.hashCode(), count);
    return owner == index;
  }

  /** The files of {@code files} this task reads. */
  List<Path> mineOf(Set<Path> files) {
    return files.stream().filter(this::mine).toList();
  }

  // String.hashCode is specified, so every task of every worker computes the same owner
  private static String key(Path file) {
    return file.toAbsolutePath().normalize().toString();
  }
}
