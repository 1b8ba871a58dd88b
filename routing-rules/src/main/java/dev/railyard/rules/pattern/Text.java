package dev.railyard.rules.pattern;

import java.nio.charset.StandardCharsets;

/**
 * String helpers that reproduce how event-ruler sees strings: as the UTF-8 bytes of the value with
 * its JSON quotes, where an unpaired surrogate becomes {@code ?}.
 */
final class Text {

  private Text() {}

  /**
   * The string as its UTF-8 encoding decodes back: unpaired surrogates become '?'. Same instance if
   * unchanged.
   */
  static String normalize(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
      }
    }
    return s;
  }

  /**
   * Whether {@code "content"} (with its quotes) starts with {@code "prefix} (opening quote only).
   */
  static boolean quotedStartsWith(String content, String prefix) {
    int p = prefix.length();
    int c = content.length();
    if (p <= c) {
      return content.startsWith(prefix);
    }
    return p == c + 1 && prefix.charAt(c) == '"' && prefix.startsWith(content);
  }

  /** Whether {@code "content"} (with its quotes) ends with {@code suffix"} (closing quote only). */
  static boolean quotedEndsWith(String content, String suffix) {
    int s = suffix.length();
    int c = content.length();
    if (s <= c) {
      return content.endsWith(suffix);
    }
    return s == c + 1 && suffix.charAt(0) == '"' && suffix.endsWith(content);
  }

  /**
   * Whether the ordered binary form of a number ends with {@code suffix"}, as event-ruler checks
   * it.
   */
  static boolean orderedDigitsEndWith(EventBuffer event, int value, String suffix) {
    String digits = orderedDigits(event, value);
    return digits != null && digits.endsWith(suffix + '"');
  }

  /** The ordered binary form of a number leaf, or null for anything that is not an exact double. */
  static String orderedDigits(EventBuffer event, int value) {
    if (event.kind(value) != EventBuffer.NUMBER) {
      return null;
    }
    double d = event.number(value);
    return Double.isNaN(d) ? null : Numbers.orderedDigits(d);
  }
}
