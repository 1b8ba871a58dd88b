package dev.railyard.api.platform.answers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Immutable copies for the records' map components: order and null values kept. */
final class Copies {

  private Copies() {}

  /** An unmodifiable copy in {@code map}'s order, or null for null. */
  static <K, V> Map<K, V> ordered(Map<K, V> map) {
    return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
