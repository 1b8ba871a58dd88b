package dev.railyard.rules.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * A compiled routing pattern in the EventBridge pattern language, with event-ruler's semantics
 * ({@code Machine.rulesForJSONEvent}), plus two Railyard extensions: the {@code regex} operator and
 * CloudEvents subscription filters (a JSON array of filter expressions).
 *
 * <p>Instances are immutable and thread-safe; match from any number of threads at once. No method
 * accepts null. Events that are not JSON objects (or maps/structs) match nothing; malformed JSON
 * text raises {@link IllegalArgumentException}.
 */
public final class Pattern {

  private final String source;
  private final PathTrie trie;
  private final Rule rule;

  private Pattern(String source, PathTrie trie, Rule rule) {
    this.source = source;
    this.trie = trie;
    this.rule = rule;
  }

  /**
   * Compiles a pattern.
   *
   * @throws PatternException when the pattern is invalid; its message names line, column and path
   */
  public static Pattern compile(String json) {
    Objects.requireNonNull(json, "json");
    PathTrie trie = new PathTrie();
    Rule.Compiled compiled = Rule.compile(json, trie);
    if (!compiled.problems().isEmpty()) {
      throw new PatternException(compiled.problems());
    }
    return new Pattern(json, trie.freeze(), compiled.rule());
  }

  /**
   * All problems of a pattern, in text order; empty when it is valid. Never throws for bad
   * patterns.
   */
  public static List<Problem> check(String json) {
    Objects.requireNonNull(json, "json");
    return List.copyOf(Rule.compile(json, new PathTrie()).problems());
  }

  /** Matches an event given as JSON text. */
  public boolean matches(String json) {
    Objects.requireNonNull(json, "json");
    EventBuffer buffer = EventBuffer.local();
    buffer.reset(trie.size());
    return FastJsonReader.read(json, trie, buffer) && rule.matches(buffer, Membership.local());
  }

  /** Matches an event given as UTF-8 JSON bytes. */
  public boolean matches(byte[] utf8Json) {
    Objects.requireNonNull(utf8Json, "utf8Json");
    EventBuffer buffer = EventBuffer.local();
    buffer.reset(trie.size());
    return ByteJsonReader.read(utf8Json, trie, buffer) && rule.matches(buffer, Membership.local());
  }

  /** Matches an event already parsed by Jackson. */
  public boolean matches(JsonNode event) {
    Objects.requireNonNull(event, "event");
    EventBuffer buffer = EventBuffer.local();
    buffer.reset(trie.size());
    return ObjectEventReader.readTree(event, trie, buffer)
        && rule.matches(buffer, Membership.local());
  }

  /**
   * Matches a Kafka Connect value in place: a {@code Map} (as {@code JsonConverter} gives with
   * schemas off) with nested maps, lists and primitives. Numbers compare as their JSON form would.
   * A {@code Struct} is matched through {@code ConnectValues.matchable} (package {@code
   * dev.railyard.rules.values}), which presents it as a map of its fields.
   */
  public boolean matches(Object connectValue) {
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
    return ObjectEventReader.readConnect(connectValue, trie, buffer)
        && rule.matches(buffer, Membership.local());
  }

  /** The pattern text this was compiled from. */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return "Pattern" + source;
  }
}
