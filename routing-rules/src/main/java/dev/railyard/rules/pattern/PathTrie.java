package dev.railyard.rules.pattern;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dotted paths the patterns refer to, as a tree of key steps, so an event reader descends only
 * into keys some pattern names and skips everything else. Built once, then only read: safe to share
 * between threads after construction.
 */
final class PathTrie {

  /**
   * One key step. {@code slot} is the path's index when a pattern names exactly this path, else -1.
   */
  static final class Node {
    private Map<String, Node> children;
    int slot = -1;
    private String[] table;
    private byte[][] tableBytes;
    private Node[] tableNodes;

    /** Builds the open-addressing table {@link #child(String, int, int, int)} probes. */
    private void freeze() {
      if (children == null) {
        return;
      }
      int size = Integer.highestOneBit(Math.max(4, children.size() * 4 - 1)) << 1;
      table = new String[size];
      tableBytes = new byte[size][];
      tableNodes = new Node[size];
      children.forEach(
          (key, node) -> {
            int i = key.hashCode() & (size - 1);
            while (table[i] != null) {
              i = (i + 1) & (size - 1);
            }
            table[i] = key;
            tableBytes[i] = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            tableNodes[i] = node;
            node.freeze();
          });
    }

    /**
     * The child for the key {@code json[start, end)} whose {@link String#hashCode()} is {@code
     * hash}, without making a string of it; null when absent (dotted keys go through {@link
     * #child(String)}).
     */
    Node child(String json, int start, int end, int hash) {
      String[] t = table;
      if (t == null) {
        return null;
      }
      int length = end - start;
      for (int i = hash & (t.length - 1); t[i] != null; i = (i + 1) & (t.length - 1)) {
        String key = t[i];
        if (key.length() == length
            && key.hashCode() == hash
            && json.regionMatches(start, key, 0, length)) {
          return tableNodes[i];
        }
      }
      return null;
    }

    /**
     * The child for the ASCII key {@code json[start, end)} (UTF-8 bytes) whose {@link
     * String#hashCode()} is {@code hash}; null when absent. Keys with other bytes or dots go
     * through {@link #child(String)}.
     */
    Node child(byte[] json, int start, int end, int hash) {
      String[] t = table;
      if (t == null) {
        return null;
      }
      int length = end - start;
      for (int i = hash & (t.length - 1); t[i] != null; i = (i + 1) & (t.length - 1)) {
        byte[] key = tableBytes[i];
        if (key.length == length
            && t[i].hashCode() == hash
            && Arrays.equals(json, start, end, key, 0, length)) {
          return tableNodes[i];
        }
      }
      return null;
    }

    /**
     * The node for an event key, which may itself contain dots; null when no pattern goes there.
     */
    Node child(String key) {
      if (children == null) {
        return null;
      }
      Node c = children.get(key);
      if (c != null || key.indexOf('.') < 0) {
        return c;
      }
      Node n = this;
      for (String step : key.split("\\.", -1)) {
        n = n.children == null ? null : n.children.get(step);
        if (n == null) {
          return null;
        }
      }
      return n;
    }

    boolean hasChildren() {
      return children != null;
    }
  }

  final Node root = new Node();
  private final List<String> paths = new ArrayList<>();
  private final Map<String, Integer> slots = new HashMap<>();

  /** The slot of a dotted path, adding it when new. */
  int slot(String path) {
    Integer known = slots.get(path);
    if (known != null) {
      return known;
    }
    Node n = root;
    for (String step : path.split("\\.", -1)) {
      if (n.children == null) {
        n.children = new HashMap<>(4);
      }
      n = n.children.computeIfAbsent(step, k -> new Node());
    }
    n.slot = paths.size();
    paths.add(path);
    slots.put(path, n.slot);
    return n.slot;
  }

  int size() {
    return paths.size();
  }

  /** Prepares the lookup tables; call once after the last {@link #slot(String)}, before sharing. */
  PathTrie freeze() {
    root.freeze();
    return this;
  }
}
