package dev.railyard.rules.pattern;

/** The limits every pattern is held to, so one rule cannot make matching slow for everybody. */
final class Limits {

  /** Characters of pattern text. */
  static final int MAX_PATTERN_CHARS = 256 * 1024;

  /** Combinations an {@code $or} expands into (EventBridge's limit). */
  static final int MAX_OR_COMBINATIONS = 1000;

  /** Fields in one combination (event-ruler's limit). */
  static final int MAX_FIELDS = 256;

  /** Asterisks in one wildcard value. */
  static final int MAX_WILDCARDS = 32;

  /** Characters in one wildcard value. */
  static final int MAX_WILDCARD_CHARS = 1024;

  /** Nesting depth of objects, arrays and CloudEvents filters. */
  static final int MAX_DEPTH = 64;

  private Limits() {}
}
