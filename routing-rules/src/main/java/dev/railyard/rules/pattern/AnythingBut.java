package dev.railyard.rules.pattern;

import java.util.Set;

/**
 * {@code anything-but} in its forms. Each matches every leaf (of any kind) except those the inner
 * test excludes, as event-ruler does: {@code {"anything-but": "a"}} matches numbers, true, false
 * and null too.
 */
final class AnythingBut {

  private AnythingBut() {}

  /** Excludes the listed strings. */
  record Strings(Set<String> excluded) implements ValueTest {
    @Override
    public boolean test(EventBuffer event, int value) {
      return event.kind(value) != EventBuffer.STRING || !excluded.contains(event.normalized(value));
    }
  }

  /** Excludes the listed numbers, compared numerically. */
  record Numbers(double[] excluded) implements ValueTest {
    @Override
    public boolean test(EventBuffer event, int value) {
      if (event.kind(value) != EventBuffer.NUMBER) {
        return true;
      }
      double d = event.number(value);
      for (double x : excluded) {
        if (x == d) {
          return false;
        }
      }
      return true;
    }

    @Override
    public boolean numeric() {
      return true;
    }
  }

  /** Excludes strings starting with any of the prefixes. */
  record Prefixes(String[] prefixes) implements ValueTest {
    @Override
    public boolean test(EventBuffer event, int value) {
      if (event.kind(value) != EventBuffer.STRING) {
        return true;
      }
      for (String p : prefixes) {
        if (Text.quotedStartsWith(event.normalized(value), p)) {
          return false;
        }
      }
      return true;
    }
  }

  /** Excludes strings ending with any of the suffixes. */
  record Suffixes(String[] suffixes, boolean numericField) implements ValueTest {
    @Override
    public boolean test(EventBuffer event, int value) {
      boolean string = event.kind(value) == EventBuffer.STRING;
      if (!string && !numericField) {
        return true;
      }
      for (String s : suffixes) {
        boolean excluded =
            string
                ? Text.quotedEndsWith(event.normalized(value), s)
                : Text.orderedDigitsEndWith(event, value, s);
        if (excluded) {
          return false;
        }
      }
      return true;
    }

    @Override
    public ValueTest inNumericField() {
      return new Suffixes(suffixes, true);
    }
  }

  /** Excludes strings equal, ignoring case, to any of the values. */
  record IgnoreCase(CaseFold[] excluded) implements ValueTest {
    @Override
    public boolean test(EventBuffer event, int value) {
      if (event.kind(value) != EventBuffer.STRING) {
        return true;
      }
      String target = CaseFold.target(event, value, false);
      for (CaseFold fold : excluded) {
        if (fold.matches(target)) {
          return false;
        }
      }
      return true;
    }
  }

  /** Excludes strings matching any of the wildcards. */
  record Wildcards(TextTests.Wildcard[] excluded) implements ValueTest {
    @Override
    public boolean test(EventBuffer event, int value) {
      if (event.kind(value) != EventBuffer.STRING) {
        return true;
      }
      for (TextTests.Wildcard w : excluded) {
        if (w.matches(event.normalized(value))) {
          return false;
        }
      }
      return true;
    }
  }
}
