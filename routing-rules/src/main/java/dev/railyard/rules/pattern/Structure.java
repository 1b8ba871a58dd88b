package dev.railyard.rules.pattern;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The fast scans {@link FastJsonReader} skips unneeded values with: the next bracket, quote or NUL
 * eight characters at a time on the low bytes of the text, and the end of a string by a vectorized
 * search for its quotes; the same on UTF-8 bytes for {@link ByteJsonReader}. Stateless.
 */
final class Structure {

  static final byte OTHER = 0;
  static final byte OPEN = 1;
  static final byte CLOSE = 2;
  static final byte QUOTE = 3;
  static final byte NUL = 4;

  private static final byte[] KINDS = new byte[128];

  static {
    KINDS['{'] = OPEN;
    KINDS['['] = OPEN;
    KINDS['}'] = CLOSE;
    KINDS[']'] = CLOSE;
    KINDS['"'] = QUOTE;
    KINDS[0] = NUL;
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private Structure() {}

  /**
   * What a character means to a skipping scan: {@link #OTHER} for anything but {@code {}[]"} and
   * NUL.
   */
  static byte kind(char c) {
    return c < 128 ? KINDS[c] : OTHER;
  }

  /**
   * The first position from {@code i} on whose low byte is a bracket, a quote or NUL, testing eight
   * bytes at a time; {@code low} must end in eight NULs (see {@link EventBuffer#lowBytes}). The
   * character there may still be another one with the same low byte.
   */
  static int next(byte[] low, int i) {
    while (true) {
      long w = (long) LONGS.get(low, i);
      long folded = w | 0x2020202020202020L;
      long m =
          zeroBytes(folded ^ 0x7B7B7B7B7B7B7B7BL)
              | zeroBytes(folded ^ 0x7D7D7D7D7D7D7D7DL)
              | zeroBytes(w ^ 0x2222222222222222L)
              | zeroBytes(w);
      if (m != 0) {
        return i + (Long.numberOfTrailingZeros(m) >>> 3);
      }
      i += 8;
    }
  }

  /** The high bit of the lowest zero byte of {@code x} set (higher ones maybe too); 0 if none. */
  private static long zeroBytes(long x) {
    return (x - ONES) & ~x & HIGHS;
  }

  /**
   * The position after the string opening at {@code start}, or -1 when it does not end: a quote
   * ends it unless an odd run of backslashes precedes it.
   */
  static int endOfString(String json, char[] c, int start) {
    int q = json.indexOf('"', start + 1);
    while (q >= 0) {
      int b = q - 1;
      while (c[b] == '\\') {
        b--;
      }
      if (((q - 1 - b) & 1) == 0) {
        return q + 1;
      }
      q = json.indexOf('"', q + 1);
    }
    return -1;
  }

  /**
   * The first position from {@code i} on, below {@code n}, holding a quote or a backslash, or
   * {@code n} when none does; eight bytes at a time while eight remain.
   */
  static int quoteOrBackslash(byte[] b, int i, int n) {
    for (; i + 8 <= n; i += 8) {
      long w = (long) LONGS.get(b, i);
      long m = zeroBytes(w ^ 0x2222222222222222L) | zeroBytes(w ^ 0x5C5C5C5C5C5C5C5CL);
      if (m != 0) {
        return i + (Long.numberOfTrailingZeros(m) >>> 3);
      }
    }
    for (; i < n; i++) {
      if (b[i] == '"' || b[i] == '\\') {
        return i;
      }
    }
    return n;
  }
}
