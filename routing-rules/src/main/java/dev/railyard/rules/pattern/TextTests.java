package dev.railyard.rules.pattern;

import com.google.re2j.Pattern;

/** Tests on string leaves: prefix, suffix, wildcard, regex. */
final class TextTests {

  private TextTests() {}

  /** {@code prefix}; the text without the quote event-ruler adds. */
  record Prefix(String prefix) implements ValueTest {
    @Override
    public boolean test(EventBuffer event, int value) {
      return event.kind(value) == EventBuffer.STRING
          && Text.quotedStartsWith(event.normalized(value), prefix);
    }
  }

  record Suffix(String suffix, boolean numericField) implements ValueTest {
    @Override
    public boolean test(EventBuffer event, int value) {
      if (event.kind(value) == EventBuffer.STRING) {
        return Text.quotedEndsWith(event.normalized(value), suffix);
      }
      return numericField && Text.orderedDigitsEndWith(event, value, suffix);
    }

    @Override
    public ValueTest inNumericField() {
      return new Suffix(suffix, true);
    }
  }

  /**
   * {@code wildcard}: {@code *} matches any run of characters; the pattern is already unescaped
   * into parts.
   */
  record Wildcard(String[] parts) implements ValueTest {
    @Override
    public boolean test(EventBuffer event, int value) {
      return event.kind(value) == EventBuffer.STRING && matches(event.normalized(value));
    }

    boolean matches(String s) {
      int last = parts.length - 1;
      if (last == 0) {
        return s.equals(parts[0]);
      }
      if (s.length() < minLength() || !s.startsWith(parts[0]) || !s.endsWith(parts[last])) {
        return false;
      }
      int from = parts[0].length();
      int end = s.length() - parts[last].length();
      for (int i = 1; i < last; i++) {
        int at = s.indexOf(parts[i], from);
        if (at < 0 || at + parts[i].length() > end) {
          return false;
        }
        from = at + parts[i].length();
      }
      return true;
    }

    private int minLength() {
      int n = 0;
      for (String part : parts) {
        n += part.length();
      }
      return n;
    }
  }

  /**
   * {@code regex} (Railyard extension): the whole string matches, with RE2's linear-time semantics.
   */
  record Regex(Pattern regex) implements ValueTest {
    @Override
    public boolean test(EventBuffer event, int value) {
      return event.kind(value) == EventBuffer.STRING && regex.matches(event.text(value));
    }
  }

  /**
   * {@code cidr}, and a plain string that is an IP address. event-ruler compares addresses as
   * hex-digit strings and decides as soon as a prefix of the digits is inside the range, so an IPv6
   * address can fall into an IPv4 range by its first digits (and the other way round); this test
   * does the same. A number's text takes the same walk, and, as in event-ruler's digit trie, a
   * character that is no upper-case hex digit ({@code .}, {@code e}, {@code +}, {@code -}) ends it
   * without a match unless the range was decided before it.
   */
  record Cidr(String low, boolean lowOpen, String high, boolean highOpen, boolean numericField)
      implements ValueTest {
    @Override
    public boolean test(EventBuffer event, int value) {
      byte kind = event.kind(value);
      if (kind == EventBuffer.NUMBER) {
        // event-ruler walks a number's text through the same digit trie unless it compares it
        // numerically
        return !(numericField && !Double.isNaN(event.number(value))) && inside(event.text(value));
      }
      if (kind != EventBuffer.STRING) {
        return false;
      }
      Object cached = event.cached(value);
      if (cached == null) {
        byte[] address = IpAddress.parse(event.text(value));
        cached = address == null ? "" : IpAddress.hex(address);
        event.cache(value, cached);
      }
      String digits = (String) cached;
      return !digits.isEmpty() && inside(digits);
    }

    @Override
    public ValueTest inNumericField() {
      return new Cidr(low, lowOpen, high, highOpen, true);
    }

    private boolean inside(String digits) {
      boolean onLow = true;
      boolean onHigh = true;
      int n = Math.min(low.length(), digits.length());
      for (int i = 0; i < n; i++) {
        char d = digits.charAt(i);
        if (!isHexDigit(d)) {
          return false;
        }
        boolean last = i == low.length() - 1;
        if (onLow) {
          char l = low.charAt(i);
          if (d < l) {
            return false;
          }
          onLow = d == l;
          if (onLow && last && lowOpen) {
            return false;
          }
        }
        if (onHigh) {
          char h = high.charAt(i);
          if (d > h) {
            return false;
          }
          onHigh = d == h;
          if (onHigh && last && highOpen) {
            return false;
          }
        }
        if ((!onLow && !onHigh) || last) {
          return true;
        }
      }
      return false;
    }

    private static boolean isHexDigit(char c) {
      return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
    }
  }
}
