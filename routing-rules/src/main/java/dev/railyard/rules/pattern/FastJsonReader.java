package dev.railyard.rules.pattern;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads JSON text into an {@link EventBuffer} faster than a general tokenizer: keys are looked up
 * without making strings of them, and values no pattern refers to are skipped by scanning for their
 * end. The text a value has is exactly the text in the event, as event-ruler sees it. Skipped
 * values are only checked for balanced brackets and quotes. Not thread-safe; one instance per read.
 *
 * <p>The characters are scanned from the event buffer's copy, which ends in two NUL sentinels: a
 * loop looking for a quote or a bracket stops at a NUL and only then asks whether the text ended.
 */
final class FastJsonReader {

  private static final int MAX_NESTING = 1000;

  /** What {@link #skipValue()} looks for: 0 for any other character. */
  private static final byte OPEN = 1;

  private static final byte CLOSE = 2;
  private static final byte QUOTE = 3;
  private static final byte NUL = 4;
  private static final byte[] STRUCTURE = new byte[128];

  static {
    STRUCTURE['{'] = OPEN;
    STRUCTURE['['] = OPEN;
    STRUCTURE['}'] = CLOSE;
    STRUCTURE[']'] = CLOSE;
    STRUCTURE['"'] = QUOTE;
    STRUCTURE[0] = NUL;
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private final String json;
  private final char[] c;
  private byte[] low;
  private final int n;
  private final EventBuffer event;
  private int pos;
  private int depth;

  private FastJsonReader(String json, EventBuffer event) {
    this.json = json;
    this.c = event.chars(json);
    this.n = json.length();
    this.event = event;
  }

  /**
   * Reads one event; false when the JSON is not an object. Throws IllegalArgumentException when
   * malformed.
   */
  static boolean read(String json, PathTrie trie, EventBuffer event) {
    FastJsonReader r = new FastJsonReader(json, event);
    try {
      r.whitespace();
      if (r.pos >= r.n || r.c[r.pos] != '{') {
        return false;
      }
      r.pos++;
      r.object(trie.root);
      return true;
    } catch (IndexOutOfBoundsException | NumberFormatException e) {
      throw r.malformed("unexpected end or bad escape");
    }
  }

  private void object(PathTrie.Node node) {
    whitespace();
    if (c[pos] == '}') {
      pos++;
      return;
    }
    while (true) {
      PathTrie.Node child = key(node);
      whitespace();
      expect(':');
      whitespace();
      if (child == null) {
        skipValue();
      } else {
        value(child);
      }
      whitespace();
      char ch = c[pos++];
      if (ch == '}') {
        return;
      }
      if (ch != ',') {
        throw malformed("expected , or }");
      }
      whitespace();
    }
  }

  private PathTrie.Node key(PathTrie.Node node) {
    expect('"');
    int start = pos;
    int hash = 0;
    boolean dotted = false;
    for (char ch = c[pos]; ch != '"'; ch = c[++pos]) {
      if (ch == '\\') {
        pos = start - 1;
        return node.child(string());
      }
      if (ch == 0) {
        checkNotEnd();
      }
      dotted |= ch == '.';
      hash = 31 * hash + ch;
    }
    int end = pos++;
    PathTrie.Node child = node.child(json, start, end, hash);
    return child == null && dotted ? node.child(json.substring(start, end)) : child;
  }

  private void value(PathTrie.Node node) {
    switch (c[pos]) {
      case '{' -> {
        if (node.hasChildren()) {
          pos++;
          object(node);
        } else {
          skipValue();
        }
      }
      case '[' -> array(node);
      case '"' -> {
        if (node.slot >= 0) {
          event.add(node.slot, EventBuffer.STRING, string());
        } else {
          skipString();
        }
      }
      case 't' -> literal("true", node.slot, EventBuffer.TRUE);
      case 'f' -> literal("false", node.slot, EventBuffer.FALSE);
      case 'n' -> literal("null", node.slot, EventBuffer.NULL);
      default -> {
        int start = pos;
        number();
        if (node.slot >= 0) {
          event.add(node.slot, EventBuffer.NUMBER, json.substring(start, pos));
        }
      }
    }
  }

  private void array(PathTrie.Node node) {
    if (++depth > MAX_NESTING) {
      throw malformed("arrays nested deeper than " + MAX_NESTING);
    }
    pos++;
    int id = event.newArray();
    whitespace();
    if (c[pos] == ']') {
      pos++;
      depth--;
      return;
    }
    for (int index = 0; ; index++) {
      char ch = c[pos];
      if (ch == '{' || ch == '[') {
        event.enterElement(id, index);
        value(node);
        event.leaveElement();
      } else {
        value(node);
      }
      whitespace();
      ch = c[pos++];
      if (ch == ']') {
        depth--;
        return;
      }
      if (ch != ',') {
        throw malformed("expected , or ]");
      }
      whitespace();
    }
  }

  private void literal(String word, int slot, byte kind) {
    if (!json.startsWith(word, pos)) {
      throw malformed("unexpected character");
    }
    pos += word.length();
    if (slot >= 0) {
      event.add(slot, kind, word);
    }
  }

  /** Scans a number with JSON's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
  private void number() {
    if (c[pos] == '-') {
      pos++;
    }
    if (c[pos] == '0') {
      pos++;
    } else {
      digits();
    }
    if (c[pos] == '.') {
      pos++;
      digits();
    }
    if (c[pos] == 'e' || c[pos] == 'E') {
      pos++;
      if (c[pos] == '+' || c[pos] == '-') {
        pos++;
      }
      digits();
    }
  }

  private void digits() {
    int start = pos;
    while (c[pos] >= '0' && c[pos] <= '9') {
      pos++;
    }
    if (pos == start) {
      throw malformed("expected a digit");
    }
  }

  /** Decodes the string at pos (on its opening quote). */
  private String string() {
    int start = ++pos;
    for (char ch = c[pos]; ch != '"'; ch = c[++pos]) {
      if (ch == '\\') {
        return escaped(start);
      }
      if (ch == 0) {
        checkNotEnd();
      }
    }
    return json.substring(start, pos++);
  }

  private String escaped(int start) {
    StringBuilder sb = new StringBuilder(pos - start + 16).append(c, start, pos - start);
    for (char ch = c[pos]; ch != '"'; ch = c[pos]) {
      if (ch != '\\') {
        if (ch == 0) {
          checkNotEnd();
        }
        sb.append(ch);
        pos++;
        continue;
      }
      char e = c[pos + 1];
      pos += 2;
      switch (e) {
        case '"', '\\', '/' -> sb.append(e);
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          sb.append((char) Integer.parseInt(json, pos, pos + 4, 16));
          pos += 4;
        }
        default -> throw malformed("invalid escape");
      }
    }
    pos++;
    return sb.toString();
  }

  /**
   * Skips the string at pos (on its opening quote): a quote ends it unless an odd run of
   * backslashes precedes it. The search for quotes is {@link String#indexOf(int, int)}, which the
   * JVM vectorizes.
   */
  private void skipString() {
    int q = json.indexOf('"', pos + 1);
    while (true) {
      if (q < 0) {
        throw malformed("unterminated string");
      }
      int b = q - 1;
      while (c[b] == '\\') {
        b--;
      }
      if (((q - 1 - b) & 1) == 0) {
        break;
      }
      q = json.indexOf('"', q + 1);
    }
    pos = q + 1;
  }

  /** Skips any value by scanning to its end, keeping track of nesting and strings only. */
  private void skipValue() {
    char ch = c[pos];
    if (ch == '"') {
      skipString();
      return;
    }
    if (ch != '{' && ch != '[') {
      if (ch == 't' || ch == 'f' || ch == 'n') {
        literal(ch == 't' ? "true" : ch == 'f' ? "false" : "null", -1, EventBuffer.NULL);
      } else {
        number();
      }
      return;
    }
    if (low == null) {
      low = event.lowBytes(json);
    }
    int open = 0;
    do {
      pos = nextStructural(pos);
      ch = c[pos];
      byte kind = ch < 128 ? STRUCTURE[ch] : 0;
      if (kind == QUOTE) {
        skipString();
        continue;
      }
      if (kind == OPEN) {
        open++;
      } else if (kind == CLOSE) {
        open--;
      } else if (kind == NUL) {
        checkNotEnd();
      }
      pos++;
    } while (open > 0);
  }

  /**
   * The first position from {@code i} on whose low byte is a bracket, a quote or NUL, testing eight
   * bytes at a time (the sentinel NULs stop it at the end).
   */
  private int nextStructural(int i) {
    byte[] b = low;
    while (true) {
      long w = (long) LONGS.get(b, i);
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

  private void whitespace() {
    while (pos < n) {
      char ch = c[pos];
      if (ch != ' ' && ch != '\n' && ch != '\r' && ch != '\t') {
        return;
      }
      pos++;
    }
  }

  private void expect(char ch) {
    if (c[pos] != ch) {
      throw malformed("expected " + ch);
    }
    pos++;
  }

  /** On a NUL: the text may hold one, but the sentinel after its end means it is cut short. */
  private void checkNotEnd() {
    if (pos >= n) {
      throw malformed("unexpected end");
    }
  }

  private IllegalArgumentException malformed(String what) {
    return new IllegalArgumentException("event is not valid JSON: " + what + " at offset " + pos);
  }
}
