package dev.railyard.rules.pattern;

import java.math.BigDecimal;

/**
 * Numbers as event-ruler compares them: a number takes part in numeric comparison only when its decimal text is
 * exactly a finite double (so 300, 3.0e2 and 300.0 are equal, while 9007199254740993 is compared only as text).
 */
final class Numbers {

    private static final int MAX_FAST_DIGITS = 15;

    private Numbers() {
    }

    /** The exact double value of a JSON number text, or NaN when it has none. Never returns -0.0. */
    static double comparable(String text) {
        double fast = smallInteger(text);
        if (!Double.isNaN(fast)) {
            return fast;
        }
        try {
            BigDecimal exact = new BigDecimal(text);
            double d = exact.doubleValue();
            if (Double.isInfinite(d) || BigDecimal.valueOf(d).compareTo(exact) != 0) {
                return Double.NaN;
            }
            return d == 0 ? 0.0 : d;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The value of a double that came from a Java number (Connect values), or NaN when not finite. */
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
     * The ten base-128 digits event-ruler orders numbers by. Only needed to reproduce its suffix matching on numbers
     * when a field also has numeric patterns.
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
