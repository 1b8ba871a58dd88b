package dev.railyard.rules.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Many named patterns matched at once, returning the names of those that match. Each event is read
 * once for all rules, and an index on plain equality values picks the few rules worth evaluating,
 * so the cost stays close to flat in the number of rules.
 *
 * <p>An immutable snapshot: thread-safe, readers never lock; to change it, build a new one ({@link
 * #with}, {@link #without}, {@link #of}). No method accepts null; the returned lists are immutable
 * and never null, in the order the rules were added.
 */
public final class RuleSet {

  private static final RuleSet EMPTY = of(Map.of());

  private final Map<String, String> sources;
  private final String[] names;
  private final PathTrie trie;
  private final Branch[] branches;
  private final int[] ruleOfBranch;
  private final RuleIndex index;
  private final Rule[] filters;
  private final int[] filterRules;

  private RuleSet(Map<String, String> sources, Map<String, Rule> rules, PathTrie trie) {
    this.sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    this.names = rules.keySet().toArray(new String[0]);
    this.trie = trie;
    List<Branch> all = new ArrayList<>();
    List<Integer> owners = new ArrayList<>();
    this.filters = new Rule[names.length];
    for (int r = 0; r < names.length; r++) {
      Rule rule = rules.get(names[r]);
      if (rule instanceof Rule.Branches b) {
        for (Branch branch : b.branches()) {
          all.add(branch);
          owners.add(r);
        }
      } else {
        filters[r] = rule;
      }
    }
    this.branches = all.toArray(new Branch[0]);
    this.ruleOfBranch = owners.stream().mapToInt(Integer::intValue).toArray();
    this.index = new RuleIndex(branches);
    this.filterRules =
        java.util.stream.IntStream.range(0, names.length).filter(r -> filters[r] != null).toArray();
  }

  /** The empty rule set. */
  public static RuleSet empty() {
    return EMPTY;
  }

  /**
   * Compiles named patterns (name to pattern text), keeping their order.
   *
   * @throws PatternException when any pattern is invalid; problem paths start with the rule's name
   */
  public static RuleSet of(Map<String, String> patterns) {
    Objects.requireNonNull(patterns, "patterns");
    PathTrie trie = new PathTrie();
    Map<String, Rule> rules = new LinkedHashMap<>();
    List<Problem> problems = new ArrayList<>();
    patterns.forEach(
        (name, json) -> {
          Rule.Compiled compiled = Rule.compile(Objects.requireNonNull(json, name), trie);
          compiled
              .problems()
              .forEach(
                  p ->
                      problems.add(
                          new Problem(
                              p.line(),
                              p.column(),
                              p.path().isEmpty() ? name : name + ": " + p.path(),
                              p.message(),
                              p.hint())));
          rules.put(name, compiled.rule());
        });
    if (!problems.isEmpty()) {
      throw new PatternException(problems);
    }
    return new RuleSet(patterns, rules, trie.freeze());
  }

  /** A new snapshot with {@code name} added, or replaced when present. */
  public RuleSet with(String name, String pattern) {
    Map<String, String> next = new LinkedHashMap<>(sources);
    next.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(pattern, "pattern"));
    return of(next);
  }

  /** A new snapshot without {@code name} (this one when absent). */
  public RuleSet without(String name) {
    if (!sources.containsKey(name)) {
      return this;
    }
    Map<String, String> next = new LinkedHashMap<>(sources);
    next.remove(name);
    return of(next);
  }

  /** Rule names to pattern texts, in order; immutable. */
  public Map<String, String> patterns() {
    return sources;
  }

  public int size() {
    return names.length;
  }

  /** Names of the rules matching an event given as JSON text. */
  public List<String> matches(String json) {
    Objects.requireNonNull(json, "json");
    EventBuffer buffer = EventBuffer.local();
    buffer.reset(trie.size());
    return FastJsonReader.read(json, trie, buffer) ? evaluate(buffer) : List.of();
  }

  /** Names of the rules matching an event given as UTF-8 JSON bytes. */
  public List<String> matches(byte[] utf8Json) {
    Objects.requireNonNull(utf8Json, "utf8Json");
    EventBuffer buffer = EventBuffer.local();
    buffer.reset(trie.size());
    return ByteJsonReader.read(utf8Json, trie, buffer) ? evaluate(buffer) : List.of();
  }

  /**
   * The rules matching an event given as UTF-8 JSON bytes, and its top-level {@code id} as read on
   * the way.
   *
   * @throws IllegalArgumentException when the event is not valid JSON
   */
  public Matched matchEvent(byte[] utf8Json) {
    Objects.requireNonNull(utf8Json, "utf8Json");
    EventBuffer buffer = EventBuffer.local();
    buffer.reset(trie.size());
    if (!ByteJsonReader.read(utf8Json, trie, buffer)) {
      // not an object to this reader (a byte-order mark, say), which EventId may see otherwise
      return new Matched(List.of(), false, null);
    }
    return new Matched(
        evaluate(buffer), buffer.idState() != EventBuffer.ID_UNKNOWN, buffer.idUtf8(utf8Json));
  }

  /** Names of the rules matching an event parsed by Jackson. */
  public List<String> matches(JsonNode event) {
    Objects.requireNonNull(event, "event");
    EventBuffer buffer = EventBuffer.local();
    buffer.reset(trie.size());
    return ObjectEventReader.readTree(event, trie, buffer) ? evaluate(buffer) : List.of();
  }

  /**
   * Names of the rules matching a Kafka Connect value ({@code Map}, {@code List}, primitives; a
   * {@code Struct} through {@code ConnectValues.matchable}), read in place.
   */
  public List<String> matches(Object connectValue) {
    Objects.requireNonNull(connectValue, "connectValue");
    if (connectValue instanceof String s) {
      return matches(s);
    }
    if (connectValue instanceof byte[] b) {
      return matches(b);
    }
    if (connectValue instanceof JsonNode n) {
      return matches(n);
    }
    EventBuffer buffer = EventBuffer.local();
    buffer.reset(trie.size());
    return ObjectEventReader.readConnect(connectValue, trie, buffer) ? evaluate(buffer) : List.of();
  }

  private List<String> evaluate(EventBuffer buffer) {
    Membership membership = Membership.local();
    Scratch scratch = Scratch.begin(branches.length, names.length);
    index.candidates(
        buffer,
        b -> {
          int rule = ruleOfBranch[b];
          if (!scratch.ruleMatched(rule)
              && scratch.firstVisit(b)
              && branches[b].matches(buffer, membership)) {
            scratch.markMatched(rule);
          }
        });
    for (int r : filterRules) {
      if (filters[r].matches(buffer, membership)) {
        scratch.markMatched(r);
      }
    }
    int[] matched = scratch.matchedRules();
    if (matched.length == 0) {
      return List.of();
    }
    String[] out = new String[matched.length];
    for (int i = 0; i < matched.length; i++) {
      out[i] = names[matched[i]];
    }
    return List.of(out);
  }

  /** How many $or branches escape the index and are evaluated for every event (for tests). */
  int alwaysEvaluated() {
    return index.alwaysEvaluated();
  }

  @Override
  public String toString() {
    return "RuleSet" + sources.keySet();
  }
}
