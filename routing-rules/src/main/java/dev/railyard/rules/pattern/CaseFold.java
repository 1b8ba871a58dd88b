package dev.railyard.rules.pattern;

import java.util.Locale;

/**
 * {@code equals-ignore-case} as event-ruler does it: every UTF-16 unit of the pattern matches
 * either its lower-case or its upper-case form (so "ß" matches "ß" and "SS" but not "ss"), compared
 * against the leaf with its JSON quotes. Immutable.
 */
final class CaseFold {

  enum Mode {
    EXACT,
    PREFIX,
    SUFFIX
  }

  private final String[][] units;
  private final boolean singleChars;
  private final Mode mode;

  /**
   * @param quoted the pattern with the quotes event-ruler adds: {@code "v"}, {@code "p} or {@code
   *     s"}
   */
  CaseFold(String quoted, Mode mode) {
    this.mode = mode;
    this.units = new String[quoted.length()][];
    boolean single = true;
    for (int i = 0; i < quoted.length(); i++) {
      String c = String.valueOf(quoted.charAt(i));
      String lower = Text.normalize(c.toLowerCase(Locale.ROOT));
      String upper = Text.normalize(c.toUpperCase(Locale.ROOT));
      units[i] = lower.equals(upper) ? new String[] {lower} : new String[] {lower, upper};
      single &= lower.length() == 1 && upper.length() == 1;
    }
    this.singleChars = single;
  }

  /** Whether the target (a quoted string leaf, or a number's ordered form) matches. */
  boolean matches(String target) {
    if (singleChars) {
      return matchesSingle(target);
    }
    return mode == Mode.SUFFIX ? matchesBackward(target) : matchesForward(target);
  }

  private boolean matchesSingle(String target) {
    int n = units.length;
    if (mode == Mode.EXACT ? target.length() != n : target.length() < n) {
      return false;
    }
    int offset = mode == Mode.SUFFIX ? target.length() - n : 0;
    for (int i = 0; i < n; i++) {
      char t = target.charAt(offset + i);
      String[] alternatives = units[i];
      if (alternatives[0].charAt(0) != t
          && (alternatives.length == 1 || alternatives[1].charAt(0) != t)) {
        return false;
      }
    }
    return true;
  }

  private boolean matchesForward(String target) {
    boolean[] at = new boolean[target.length() + 1];
    at[0] = true;
    for (String[] alternatives : units) {
      boolean[] nextAt = new boolean[at.length];
      boolean any = false;
      for (int pos = 0; pos < at.length; pos++) {
        if (!at[pos]) {
          continue;
        }
        for (String alternative : alternatives) {
          if (target.startsWith(alternative, pos)) {
            nextAt[pos + alternative.length()] = true;
            any = true;
          }
        }
      }
      if (!any) {
        return false;
      }
      at = nextAt;
    }
    return mode == Mode.PREFIX || at[target.length()];
  }

  private boolean matchesBackward(String target) {
    boolean[] at = new boolean[target.length() + 1];
    at[target.length()] = true;
    for (int u = units.length - 1; u >= 0; u--) {
      boolean[] nextAt = new boolean[at.length];
      boolean any = false;
      for (int end = 0; end < at.length; end++) {
        if (!at[end]) {
          continue;
        }
        for (String alternative : units[u]) {
          int start = end - alternative.length();
          if (start >= 0 && target.startsWith(alternative, start)) {
            nextAt[start] = true;
            any = true;
          }
        }
      }
      if (!any) {
        return false;
      }
      at = nextAt;
    }
    return true;
  }

  /**
   * The leaf as event-ruler compares it: a string with its quotes; null for leaves no case test can
   * match.
   */
  static String target(EventBuffer event, int value, boolean numericField) {
    if (event.kind(value) == EventBuffer.STRING) {
      return event.quoted(value);
    }
    return numericField ? Text.orderedDigits(event, value) : null;
  }

  /** The equals-ignore-case family of value tests. */
  record Test(CaseFold fold, boolean numericField) implements ValueTest {
    @Override
    public boolean test(EventBuffer event, int value) {
      String target = target(event, value, numericField && fold.mode == Mode.SUFFIX);
      return target != null && fold.matches(target);
    }

    @Override
    public ValueTest inNumericField() {
      return new Test(fold, true);
    }
  }
}
