package dev.railyard.rules.pattern;

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

  /** Skips the string at pos (on its opening quote). */
  private void skipString() {
    int end = Structure.endOfString(json, c, pos);
    if (end < 0) {
      throw malformed("unterminated string");
    }
    pos = end;
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
      pos = Structure.next(low, pos);
      byte kind = Structure.kind(c[pos]);
      if (kind == Structure.QUOTE) {
        skipString();
        continue;
      }
      if (kind == Structure.OPEN) {
        open++;
      } else if (kind == Structure.CLOSE) {
        open--;
      } else if (kind == Structure.NUL) {
        checkNotEnd();
      }
      pos++;
    } while (open > 0);
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
