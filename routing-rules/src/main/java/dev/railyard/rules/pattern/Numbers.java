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
      if (Double.isInfinite(d) || Double.isNaN(d)) {
        return Double.NaN;
      }
      String shortest = Double.toString(d);
      // Java-written numbers are that very text, which spares the digit comparison
      if (!shortest.equals(text) && !sameDecimal(text, shortest)) {
        return Double.NaN;
      }
      return d == 0 ? 0.0 : d;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /**
   * Whether two decimal texts (optionally signed, with fraction and exponent) denote the same
   * number. Compares the significant digits in place, without building strings.
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
    if (x.negative != y.negative || x.exponent != y.exponent) {
      return false;
    }
    int i = x.first;
    int j = y.first;
    while (true) {
      i = x.skipPoint(i);
      j = y.skipPoint(j);
      boolean doneX = i > x.last;
      boolean doneY = j > y.last;
      if (doneX || doneY) {
        return doneX && doneY;
      }
      if (a.charAt(i++) != b.charAt(j++)) {
        return false;
      }
    }
  }

  /**
   * A decimal as sign, where its significant digits are in its text (first and last non-zero digit,
   * a '.' may sit between) and the exponent of the point: 0.05 has exponent -1, 120 has 3.
   */
  private record Decimal(String text, boolean negative, int first, int last, long exponent) {

    boolean isZero() {
      return first < 0;
    }

    int skipPoint(int i) {
      return i <= last && text.charAt(i) == '.' ? i + 1 : i;
    }

    static Decimal of(String s) {
      int n = s.length();
      int i = 0;
      boolean negative = false;
      if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
        negative = s.charAt(i++) == '-';
      }
      int dot = -1;
      int first = -1;
      int last = -1;
      for (; i < n; i++) {
        char c = s.charAt(i);
        if (c > '0' && c <= '9') {
          first = first < 0 ? i : first;
          last = i;
        } else if (c == '.' && dot < 0) {
          dot = i;
        } else if (c != '0') {
          break;
        }
      }
      int mantissaEnd = i;
      long exponent = 0;
      if (i < n) {
        char c = s.charAt(i);
        if ((c != 'e' && c != 'E') || n - i > 12) {
          return null;
        }
        exponent = Long.parseLong(s, i + 1 + (s.charAt(i + 1) == '+' ? 1 : 0), n, 10);
      }
      if (first < 0) {
        return new Decimal(s, negative, -1, -1, 0);
      }
      int point = dot < 0 ? mantissaEnd : dot;
      long digitsBeforePoint = first < point ? point - first : -(first - point - 1);
      return new Decimal(s, negative, first, last, digitsBeforePoint + exponent);
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
