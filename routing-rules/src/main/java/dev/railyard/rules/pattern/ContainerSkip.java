package dev.railyard.rules.pattern;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the end of an object or array in UTF-8 JSON without stopping at each string in it: eight
 * bytes at a time, the quotes of a word mark where strings open and close (a running XOR over its
 * bytes), and the brackets outside strings are counted all at once unless the count might reach
 * zero in that word. A word holding a backslash, or one after a backslash, is read byte by byte.
 * Only brackets and quotes are checked, as when skipping one string at a time. Stateless.
 */
final class ContainerSkip {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private ContainerSkip() {}

  /**
   * The position after the bracket closing the one at {@code start}, or -1 when the text ends
   * before it does.
   */
  static int end(byte[] b, int start, int n) {
    int open = 0;
    boolean inString = false;
    boolean escaped = false;
    int i = start;
    for (; i + 8 <= n; i += 8) {
      long w = (long) LONGS.get(b, i);
      long backslashes = flags(w ^ 0x5C5C5C5C5C5C5C5CL);
      if (backslashes != 0 || escaped) {
        // byte by byte: the state after this word is needed exactly
        for (int k = i; k < i + 8; k++) {
          byte c = b[k];
          if (escaped) {
            escaped = false;
          } else if (inString) {
            escaped = c == '\\';
            inString = c != '"';
          } else if (c == '"') {
            inString = true;
          } else if (c == '{' || c == '[') {
            open++;
          } else if ((c == '}' || c == ']') && --open == 0) {
            return k + 1;
          }
        }
        continue;
      }
      long quotes = flags(w ^ 0x2222222222222222L);
      // inside[k]: whether byte k is within a string (a quote counts as inside after it opens)
      long inside = quotes ^ (quotes << 8);
      inside ^= inside << 16;
      inside ^= inside << 32;
      if (inString) {
        inside = ~inside & HIGHS;
      }
      // only [ and { fold to {, only ] and } to }
      long folded = w | 0x2020202020202020L;
      long opens = flags(folded ^ 0x7B7B7B7B7B7B7B7BL) & ~inside;
      long closes = flags(folded ^ 0x7D7D7D7D7D7D7D7DL) & ~inside;
      inString = inside < 0;
      int c = Long.bitCount(closes);
      if (open > c) {
        open += Long.bitCount(opens) - c;
        continue;
      }
      long brackets = opens | closes;
      for (long m = brackets; m != 0; m &= m - 1) {
        int k = i + (Long.numberOfTrailingZeros(m) >>> 3);
        if (b[k] == '{' || b[k] == '[') {
          open++;
        } else if (--open == 0) {
          return k + 1;
        }
      }
    }
    for (; i < n; i++) {
      byte c = b[i];
      if (escaped) {
        escaped = false;
      } else if (inString) {
        escaped = c == '\\';
        inString = c != '"';
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        open++;
      } else if ((c == '}' || c == ']') && --open == 0) {
        return i + 1;
      }
    }
    return -1;
  }

  /**
   * The high bit of each zero byte of {@code x}, exactly (no borrow from a lower zero byte: the low
   * seven bits are added, not subtracted).
   */
  private static long flags(long x) {
    return ~(((x & ~HIGHS) + ~HIGHS) | x | ~HIGHS);
  }
}
