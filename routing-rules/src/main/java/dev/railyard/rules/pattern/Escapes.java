package dev.railyard.rules.pattern;

import java.nio.charset.StandardCharsets;

/**
 * Decodes the text of a JSON string holding escapes, from UTF-8 bytes: the runs between escapes as
 * UTF-8 (no multi-byte sequence holds a backslash, so a run never splits one, and a malformed
 * sequence reads as U+FFFD as in the whole text decoded), each escape as its character. Stateless.
 */
final class Escapes {

  private Escapes() {}

  /**
   * The text of {@code b[start, end)}, the inside of a string whose closing quote is at {@code
   * end}. Throws IllegalArgumentException naming the offset of an invalid escape.
   */
  static String decode(byte[] b, int start, int end) {
    StringBuilder sb = new StringBuilder(end - start);
    int run = start;
    int i = start;
    while (i < end) {
      if (b[i] != '\\') {
        i++;
        continue;
      }
      sb.append(new String(b, run, i - run, StandardCharsets.UTF_8));
      byte e = b[i + 1];
      switch (e) {
        case '"', '\\', '/' -> sb.append((char) e);
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          sb.append(hex4(b, i + 2, end));
          i += 4;
        }
        default -> throw invalid(i);
      }
      i += 2;
      run = i;
    }
    return sb.append(new String(b, run, end - run, StandardCharsets.UTF_8)).toString();
  }

  private static char hex4(byte[] b, int at, int end) {
    if (at + 4 > end) {
      throw invalid(at - 2);
    }
    int v = 0;
    for (int i = at; i < at + 4; i++) {
      int d = Character.digit(b[i], 16);
      if (d < 0) {
        throw invalid(at - 2);
      }
      v = v << 4 | d;
    }
    return (char) v;
  }

  private static IllegalArgumentException invalid(int at) {
    return new IllegalArgumentException(
        "event is not valid JSON: invalid escape at offset "
            + at
            + " (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
  }
}
