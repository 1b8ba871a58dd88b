package dev.railyard.rules.pattern;

import java.util.List;

/** CloudEvents subscription filter dialects (placeholder until the extension lands). */
final class CloudEventsFilters {

    private CloudEventsFilters() {
    }

    static boolean looksLikeFilters(String json) {
        return false;
    }

    static Rule.Compiled compile(String json, PathTrie trie) {
        return new Rule.Compiled(null, List.of(new Problem(1, 1, "", "not supported yet", "")));
    }
}
