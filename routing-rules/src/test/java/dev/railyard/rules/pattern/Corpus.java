package dev.railyard.rules.pattern;

import java.util.List;
import java.util.Random;

/**
 * Small pools of keys and leaf values shared by the random pattern and event generators, so they
 * collide often.
 */
final class Corpus {

  static final List<String> KEYS = List.of("a", "b", "c", "d", "é", "a.b", "k-1", "");

  /**
   * Rarer keys, as other generators write them: with a space, non-ASCII, and a dotted one that a
   * pattern names as one key and an event may spell as nested objects.
   */
  static final List<String> RARE_KEYS = List.of("key with space", "名前", "a.b.c", " ");

  static final List<String> STRINGS =
      List.of(
          "",
          "a",
          "A",
          "ab",
          "AB",
          "abc",
          "aBc",
          "ABC",
          "b",
          "bc",
          "x y",
          "ß",
          "SS",
          "ss",
          "Ss",
          "İ",
          "i̇",
          "ı",
          "I",
          "é",
          "É",
          "日本",
          "日本語",
          "😀",
          "a😀",
          "\ud83d",
          "?",
          "ſ",
          "K",
          "k",
          "\u212a",
          "10.0.0.1",
          "10.0.0.01",
          "10.0.0.255",
          "10.0.1.1",
          "192.168.1.1",
          "::1",
          "2001:db8::1",
          "2001:DB8::1",
          "::ffff:a00:1",
          "1.2.3",
          "999.1.1.1",
          "1:2",
          "a*b",
          "a\\b",
          "a\"b",
          "\"",
          "\\",
          "*",
          "null",
          "true",
          "300",
          "3.0e2",
          "-1",
          "a.b",
          "abcabc",
          "aXbXc",
          // strings that look like numbers or addresses, to meet numeric and cidr patterns
          "0e-2",
          "7.0E+0",
          "0.0.0.0",
          "255.255.255.255",
          "10.0.0.200",
          "fe80::1",
          "FE80::",
          "名前",
          "名前です",
          "FOO",
          "o",
          "\\o");
  static final List<String> NUMBERS =
      List.of(
          "0",
          "-0",
          "0.0",
          "300",
          "3.0e2",
          "300.0",
          "3E2",
          "-300",
          "1",
          "1.5",
          "-1.5",
          "0.1",
          "0.10",
          "1e-7",
          "123456789012345",
          "9007199254740992",
          "9007199254740993",
          "5e-324",
          "4.9E-324",
          "1.7976931348623157e308",
          "-1.7976931348623157e308",
          "1e400",
          "-1e400",
          "2",
          "10",
          "100",
          "1e2",
          "99.99",
          "5",
          "7",
          "-5",
          "1000000",
          "2.5e-3",
          "16777217",
          // exponent forms and edge values, whose text walks the string and cidr tests differently
          "0e-2",
          "0.0e0",
          "0E0",
          "-0.0",
          "7.0E+0",
          "7.0",
          "1E+2",
          "1e5",
          "250e8",
          "2.5E10",
          "4.9e-324",
          "-1E300",
          "1E300",
          "3.0000000000000004E-1",
          "0.30000000000000004",
          "17976931348623157e292",
          "42");

  private Corpus() {}

  static <T> T pick(Random r, List<T> list) {
    return list.get(r.nextInt(list.size()));
  }

  /** A key of an event: mostly from {@link #KEYS}, one in ten a rare one. */
  static String eventKey(Random r) {
    return r.nextInt(10) == 0 ? pick(r, RARE_KEYS) : pick(r, KEYS);
  }

  /** A key of a pattern: those events use most, one in twelve a rare one. */
  static String patternKey(Random r) {
    return r.nextInt(12) == 0 ? pick(r, RARE_KEYS) : pick(r, KEYS.subList(0, 6));
  }

  private static final String ALPHABET =
      "aAbBzZ09 .*\\\"-_/:éÉßſKkİıi\u0307ΣσςЖж日本語😀\ud83d\u212a\u0000\t";

  /** When set, strings and numbers are made up at random instead of taken from the pools. */
  static boolean wild;

  static String string(Random r) {
    if (!wild || r.nextInt(3) == 0) {
      return pick(r, STRINGS);
    }
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(9);
    for (int i = 0; i < n; i++) {
      int at = r.nextInt(ALPHABET.length());
      char c = ALPHABET.charAt(at);
      sb.append(c);
      if (Character.isHighSurrogate(c) && at + 1 < ALPHABET.length() && r.nextBoolean()) {
        sb.append(ALPHABET.charAt(at + 1));
      }
    }
    return sb.toString();
  }

  static String number(Random r) {
    if (!wild || r.nextInt(3) == 0) {
      return pick(r, NUMBERS);
    }
    switch (r.nextInt(6)) {
      case 0:
        return Long.toString(r.nextLong() >> r.nextInt(64));
      case 1:
        return Double.toString((r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(40) - 20));
      case 2:
        return Integer.toString(r.nextInt(2000) - 1000);
      case 3:
        return (r.nextInt(200) - 100) + "." + r.nextInt(1000) + "e" + (r.nextInt(700) - 350);
      case 4:
        return exponentForm(r);
      default:
        return Double.toString(Double.longBitsToDouble(r.nextLong()))
            .replace("NaN", "1")
            .replace("Infinity", "1e999");
    }
  }

  /** A small number written with an exponent in one of JSON's spellings: 0e-2, 7.0E+0, 25E1. */
  private static String exponentForm(Random r) {
    String mantissa =
        r.nextInt(3) == 0 ? Integer.toString(r.nextInt(10)) : r.nextInt(10) + "." + r.nextInt(100);
    String e = r.nextBoolean() ? "e" : "E";
    int exponent = r.nextInt(9) - 4;
    String sign = exponent < 0 ? "-" : r.nextBoolean() ? "+" : "";
    return (r.nextInt(4) == 0 ? "-" : "") + mantissa + e + sign + Math.abs(exponent);
  }

  /** A JSON string literal for any Java string, escaping what JSON needs. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c) && r2(s, i)) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  private static boolean r2(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
  }
}
