package dev.railyard.rules.pattern;

/**
 * Numbers as event-ruler compares them: a number takes part in numeric comparison only when its
 * decimal text is exactly a finite double (so 300, 3.0e2 and 300.0 are equal, while
 * 9007199254740993 is compared only as text).
 */
final class Numbers {

  private static final int MAX_FAST_DIGITS = 15;

  private Numbers() {}

  /** The exact double value of a JSON number text, or NaN when it has none. Never returns -0.0. */
  static double comparable(String text) {
    double fast = smallInteger(text);
    if (!Double.isNaN(fast)) {
      return fast;
    }
    try {
      double d = Double.parseDouble(text);
      // event-ruler's test: BigDecimal.valueOf(d), i.e. Double.toString(d), equals the text as a
      // decimal
      if (Double.isInfinite(d) || Double.isNaN(d) || !sameDecimal(text, Double.toString(d))) {
        return Double.NaN;
      }
      return d == 0 ? 0.0 : d;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /**
   * Whether two decimal texts (optionally signed, with fraction and exponent) denote the same
   * number.
   */
  static boolean sameDecimal(String a, String b) {
    Decimal x = Decimal.of(a);
    Decimal y = Decimal.of(b);
    if (x == null || y == null) {
      return false;
    }
    if (x.isZero() || y.isZero()) {
      return x.isZero() && y.isZero();
    }
    return x.negative == y.negative && x.exponent == y.exponent && x.digits.equals(y.digits);
  }

  /**
   * A decimal as sign, significant digits (no leading or trailing zeros) and the exponent of the
   * point.
   */
  private record Decimal(boolean negative, String digits, long exponent) {

    boolean isZero() {
      return digits.isEmpty();
    }

    static Decimal of(String s) {
      int i = 0;
      int n = s.length();
      boolean negative = false;
      if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
        negative = s.charAt(i++) == '-';
      }
      StringBuilder digits = new StringBuilder(24);
      long point = 0;
      boolean seenPoint = false;
      for (; i < n; i++) {
        char c = s.charAt(i);
        if (c >= '0' && c <= '9') {
          if (digits.length() == 0 && c == '0') {
            point -= seenPoint ? 1 : 0;
            continue;
          }
          digits.append(c);
          point += seenPoint ? 0 : 1;
        } else if (c == '.' && !seenPoint) {
          seenPoint = true;
        } else if (c == 'e' || c == 'E') {
          if (n - i > 12) {
            return null;
          }
          point += Long.parseLong(s, i + 1 + (s.charAt(i + 1) == '+' ? 1 : 0), n, 10);
          break;
        } else {
          return null;
        }
      }
      int end = digits.length();
      while (end > 0 && digits.charAt(end - 1) == '0') {
        end--;
      }
      return new Decimal(negative, digits.substring(0, end), point);
    }
  }

  /**
   * The value of a double that came from a Java number (Connect values), or NaN when not finite.
   */
  static double fromDouble(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return Double.NaN;
    }
    return d == 0 ? 0.0 : d;
  }

  private static double smallInteger(String text) {
    int n = text.length();
    int start = n > 0 && text.charAt(0) == '-' ? 1 : 0;
    if (n == start || n - start > MAX_FAST_DIGITS) {
      return Double.NaN;
    }
    long v = 0;
    for (int i = start; i < n; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return Double.NaN;
      }
      v = v * 10 + (c - '0');
    }
    return start == 1 ? (v == 0 ? 0.0 : -v) : v;
  }

  /**
   * The ten base-128 digits event-ruler orders numbers by. Only needed to reproduce its suffix
   * matching on numbers when a field also has numeric patterns.
   */
  static String orderedDigits(double value) {
    long bits = Double.doubleToRawLongBits(value);
    long mask = (bits >> 63) | (1L << 63);
    long v = bits ^ mask;
    char[] digits = new char[10];
    int index = 9;
    while (index >= 0 && (v & 0x7f) == 0) {
      index--;
      v >>= 7;
    }
    for (; index >= 0; index--) {
      digits[index] = (char) (v & 0x7f);
      v >>= 7;
    }
    return new String(digits);
  }
}
