package dev.railyard.rules.pattern;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dotted paths the patterns refer to, as a tree of key steps, so an event reader descends only into keys some
 * pattern names and skips everything else. Built once, then only read: safe to share between threads after
 * construction.
 */
final class PathTrie {

    /** One key step. {@code slot} is the path's index when a pattern names exactly this path, else -1. */
    static final class Node {
        private Map<String, Node> children;
        int slot = -1;

        /** The node for an event key, which may itself contain dots; null when no pattern goes there. */
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
}
