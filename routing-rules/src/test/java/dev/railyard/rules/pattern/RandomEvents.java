package dev.railyard.rules.pattern;

import java.util.Random;

/**
 * Seeded random events over the {@link Corpus}: nested objects, arrays of values and of objects,
 * numbers in exponent form and at the edges of the double range, keys with spaces, dots and
 * non-ASCII characters.
 */
final class RandomEvents {

  private final Random random;

  RandomEvents(Random random) {
    this.random = random;
  }

  String event() {
    return object(0);
  }

  private String object(int depth) {
    StringBuilder sb = new StringBuilder("{");
    int n = random.nextInt(depth == 0 ? 5 : 4) + (depth == 0 ? 1 : 0);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(Corpus.quote(Corpus.eventKey(random))).append(':').append(value(depth + 1));
    }
    return sb.append('}').toString();
  }

  private String value(int depth) {
    int roll = random.nextInt(100);
    if (depth < 4 && roll < 25) {
      return object(depth);
    }
    if (depth < 4 && roll < 40) {
      return array(depth);
    }
    return leaf();
  }

  private String array(int depth) {
    StringBuilder sb = new StringBuilder("[");
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(random.nextInt(3) == 0 ? leaf() : value(depth + 1));
    }
    return sb.append(']').toString();
  }

  String leaf() {
    int roll = random.nextInt(100);
    if (roll < 50) {
      return Corpus.quote(Corpus.string(random));
    }
    if (roll < 85) {
      return Corpus.number(random);
    }
    return roll < 90 ? "true" : roll < 95 ? "false" : "null";
  }
}
