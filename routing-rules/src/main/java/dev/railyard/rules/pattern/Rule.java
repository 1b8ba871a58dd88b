package dev.railyard.rules.pattern;

import java.util.List;
import java.util.Map;

/** A compiled pattern over the slots of one {@link PathTrie}. Immutable. */
interface Rule {

  boolean matches(EventBuffer event, Membership membership);

  /** An EventBridge pattern: matches when any of its {@code $or} combinations does. */
  record Branches(Branch[] branches) implements Rule {
    @Override
    public boolean matches(EventBuffer event, Membership membership) {
      for (Branch b : branches) {
        if (b.matches(event, membership)) {
          return true;
        }
      }
      return false;
    }
  }

  /** What compiling one pattern text gave: a rule, or the problems. */
  record Compiled(Rule rule, List<Problem> problems) {}

  /**
   * Parses and compiles a pattern, adding its paths to {@code trie}. A JSON array is a list of
   * CloudEvents subscription filters (which ANDs them); anything else is an EventBridge pattern.
   */
  static Compiled compile(String json, PathTrie trie) {
    if (CloudEventsFilters.looksLikeFilters(json)) {
      return CloudEventsFilters.compile(json, trie);
    }
    PatternParser.Result parsed = PatternParser.parse(json);
    if (!parsed.problems().isEmpty()) {
      return new Compiled(null, parsed.problems());
    }
    List<Map<String, FieldSpec>> specs = parsed.branches();
    Branch[] branches = specs.stream().map(spec -> new Branch(spec, trie)).toArray(Branch[]::new);
    return new Compiled(new Branches(branches), List.of());
  }
}
