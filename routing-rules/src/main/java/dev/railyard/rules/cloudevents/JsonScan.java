package dev.railyard.rules.cloudevents;

import java.nio.charset.StandardCharsets;

/**
 * One pass over UTF-8 JSON text that checks what it passes over by the rules Jackson's parser
 * applies with its default settings: the JSON grammar (no comments, trailing commas, leading zeros
 * or unquoted control characters), well-formed UTF-8 (no overlong forms, surrogates or code points
 * past U+10FFFF), escaped surrogates in names in pairs, at most {@value #MAX_DEPTH} levels of
 * nesting and numbers of at most {@value #MAX_NUMBER_LENGTH} digits. Not thread-safe; one instance
 * per read.
 */
final class JsonScan {

  static final int MAX_DEPTH = 1000;
  static final int MAX_NUMBER_LENGTH = 1000;

  /** Where the text stops being JSON: an answer (null), not a fault, so it has no stack trace. */
  private static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Malformed() {
      super("malformed JSON", null, false, false);
    }
  }

  private static final Malformed MALFORMED = new Malformed();

  private final byte[] b;
  private int pos;

  JsonScan(byte[] json) {
    this.b = json;
  }

  /** The first top-level member named {@code id}, when it is a string; else null. */
  String topLevelId() {
    try {
      if (at(0) == 0xEF && at(1) == 0xBB && at(2) == 0xBF) {
        pos = 3;
      }
      if (nonBlank() != '{') {
        return null;
      }
      pos++;
      int c = nonBlank();
      if (c == '}') {
        return null;
      }
      while (c == '"') {
        boolean id = isIdName();
        expect(':');
        c = nonBlank();
        if (id) {
          return c == '"' ? string() : null;
        }
        skipValue(c, 1);
        if (nonBlank() != ',') {
          return null; // the object's end, or malformed: no id either way
        }
        pos++;
        c = nonBlank();
      }
      return null;
    } catch (Malformed e) {
      return null;
    }
  }

  /** The byte at {@code i}, 0–255, or -1 past the end. */
  private int at(int i) {
    return i < b.length ? b[i] & 0xFF : -1;
  }

  private int next() {
    if (pos >= b.length) {
      throw MALFORMED;
    }
    return b[pos++] & 0xFF;
  }

  /** Skips JSON's four blanks and returns the byte after them (not consumed), or -1 at the end. */
  private int nonBlank() {
    while (pos < b.length) {
      int c = b[pos];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return c & 0xFF;
      }
      pos++;
    }
    return -1;
  }

  private void expect(int c) {
    if (nonBlank() != c) {
      throw MALFORMED;
    }
    pos++;
  }

  /** A member's name at {@code pos} (its opening quote): whether it reads {@code id}. */
  private boolean isIdName() {
    int start = pos + 1;
    if (at(start) == 'i' && at(start + 1) == 'd' && at(start + 2) == '"') {
      pos = start + 3;
      return true;
    }
    pos = start;
    boolean plain = skipString(true);
    // escapes can spell id too: "\u0069d"
    return !plain && pos - start <= 14 && "id".equals(decode(start, pos - 1));
  }

  /**
   * Skips a string whose opening quote is just before {@code pos}, checking it; leaves {@code pos}
   * after its closing quote.
   *
   * @param name whether it is a member's name, where escaped surrogates must come in pairs
   * @return whether it holds only ASCII without escapes
   */
  private boolean skipString(boolean name) {
    boolean plain = true;
    while (true) {
      int c = next();
      if (c == '"') {
        return plain;
      }
      if (c == '\\') {
        plain = false;
        int unit = escape();
        if (name && unit >= 0xD800 && unit <= 0xDFFF) {
          // a high surrogate needs a low one escaped right after it; a low one alone is refused
          if (unit >= 0xDC00 || next() != '\\') {
            throw MALFORMED;
          }
          int low = escape();
          if (low < 0xDC00 || low > 0xDFFF) {
            throw MALFORMED;
          }
        }
      } else if (c >= 0x80) {
        plain = false;
        codePoint(c);
      } else if (c < 0x20) {
        throw MALFORMED;
      }
    }
  }

  /** The string value at {@code pos} (its opening quote), decoded; {@code pos} after it. */
  private String string() {
    int start = ++pos;
    while (pos < b.length) {
      int c = b[pos];
      if (c == '"') {
        return new String(b, start, pos++ - start, StandardCharsets.ISO_8859_1);
      }
      if (c < 0x20 || c == '\\') { // a negative byte: not ASCII
        break;
      }
      pos++;
    }
    pos = start;
    skipString(false);
    return decode(start, pos - 1);
  }

  /** The text of a string already checked, from after its opening quote to before its closing. */
  private String decode(int from, int to) {
    StringBuilder text = new StringBuilder(to - from);
    pos = from;
    while (pos < to) {
      int c = next();
      if (c == '\\') {
        text.append((char) escape());
      } else if (c >= 0x80) {
        text.appendCodePoint(codePoint(c));
      } else {
        text.append((char) c);
      }
    }
    pos = to + 1;
    return text.toString();
  }

  /** The UTF-16 unit of the escape after a backslash. */
  private int escape() {
    int c = next();
    return switch (c) {
      case '"', '\\', '/' -> c;
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'u' -> (hex() << 12) | (hex() << 8) | (hex() << 4) | hex();
      default -> throw MALFORMED;
    };
  }

  private int hex() {
    int c = next();
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    c |= 0x20;
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    throw MALFORMED;
  }

  /** The code point of a multi-byte UTF-8 sequence led by {@code lead}; refuses ill-formed ones. */
  private int codePoint(int lead) {
    int count;
    int min;
    if (lead >= 0xC2 && lead <= 0xDF) {
      count = 1;
      min = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      count = 2;
      min = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      count = 3;
      min = 0x10000;
    } else {
      throw MALFORMED;
    }
    int cp = lead & (0x3F >> count);
    for (int i = 0; i < count; i++) {
      int c = next();
      if ((c & 0xC0) != 0x80) {
        throw MALFORMED;
      }
      cp = (cp << 6) | (c & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      throw MALFORMED;
    }
    return cp;
  }

  /** Skips the value starting with {@code c} at {@code pos}, inside {@code depth} containers. */
  private void skipValue(int c, int depth) {
    switch (c) {
      case '"' -> {
        pos++;
        skipString(false);
      }
      case '{' -> skipObject(depth + 1);
      case '[' -> skipArray(depth + 1);
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> skipNumber();
    }
  }

  private void skipObject(int depth) {
    if (depth > MAX_DEPTH) {
      throw MALFORMED;
    }
    pos++;
    int c = nonBlank();
    if (c == '}') {
      pos++;
      return;
    }
    while (true) {
      if (c != '"') {
        throw MALFORMED;
      }
      pos++;
      skipString(true);
      expect(':');
      skipValue(nonBlank(), depth);
      c = nonBlank();
      pos++;
      if (c == '}') {
        return;
      }
      if (c != ',') {
        throw MALFORMED;
      }
      c = nonBlank();
    }
  }

  private void skipArray(int depth) {
    if (depth > MAX_DEPTH) {
      throw MALFORMED;
    }
    pos++;
    int c = nonBlank();
    if (c == ']') {
      pos++;
      return;
    }
    while (true) {
      skipValue(c, depth);
      c = nonBlank();
      pos++;
      if (c == ']') {
        return;
      }
      if (c != ',') {
        throw MALFORMED;
      }
      c = nonBlank();
    }
  }

  private void literal(String word) {
    for (int i = 0; i < word.length(); i++) {
      if (next() != word.charAt(i)) {
        throw MALFORMED;
      }
    }
  }

  /** A number by JSON's grammar: {@code -? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?}. */
  private void skipNumber() {
    if (at(pos) == '-') {
      pos++;
    }
    int integer = digits();
    if (integer == 0 || (integer > 1 && b[pos - integer] == '0')) {
      throw MALFORMED;
    }
    int length = integer;
    if (at(pos) == '.') {
      pos++;
      int fraction = digits();
      if (fraction == 0) {
        throw MALFORMED;
      }
      length += fraction;
    }
    int e = at(pos);
    if (e == 'e' || e == 'E') {
      pos++;
      int sign = at(pos);
      if (sign == '+' || sign == '-') {
        pos++;
      }
      int exponent = digits();
      if (exponent == 0) {
        throw MALFORMED;
      }
      length += exponent;
    }
    if (length > MAX_NUMBER_LENGTH) {
      throw MALFORMED;
    }
  }

  private int digits() {
    int start = pos;
    while (pos < b.length && b[pos] >= '0' && b[pos] <= '9') {
      pos++;
    }
    return pos - start;
  }
}
