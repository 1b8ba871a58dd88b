package dev.railyard.rules.pattern;

/**
 * Reads JSON text into an {@link EventBuffer} faster than a general tokenizer: keys are looked up
 * without making strings of them, and values no pattern refers to are skipped by scanning for their
 * end. The text a value has is exactly the text in the event, as event-ruler sees it. Skipped
 * values are only checked for balanced brackets and quotes. Not thread-safe; one instance per read.
 */
final class FastJsonReader {

  private static final int MAX_NESTING = 1000;

  private final String json;
  private final EventBuffer event;
  private int pos;
  private int depth;

  private FastJsonReader(String json, EventBuffer event) {
    this.json = json;
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
      if (r.pos >= json.length() || json.charAt(r.pos) != '{') {
        return false;
      }
      r.pos++;
      r.object(trie.root);
      return true;
    } catch (StringIndexOutOfBoundsException | NumberFormatException e) {
      throw r.malformed("unexpected end or bad escape");
    }
  }

  private void object(PathTrie.Node node) {
    whitespace();
    if (json.charAt(pos) == '}') {
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
      char c = json.charAt(pos++);
      if (c == '}') {
        return;
      }
      if (c != ',') {
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
    for (char c = json.charAt(pos); c != '"'; c = json.charAt(++pos)) {
      if (c == '\\') {
        pos = start - 1;
        return node.child(string());
      }
      dotted |= c == '.';
      hash = 31 * hash + c;
    }
    int end = pos++;
    PathTrie.Node child = node.child(json, start, end, hash);
    return child == null && dotted ? node.child(json.substring(start, end)) : child;
  }

  private void value(PathTrie.Node node) {
    char c = json.charAt(pos);
    switch (c) {
      case '{':
        if (node.hasChildren()) {
          pos++;
          object(node);
        } else {
          skipValue();
        }
        break;
      case '[':
        array(node);
        break;
      case '"':
        if (node.slot >= 0) {
          event.add(node.slot, EventBuffer.STRING, string());
        } else {
          skipString();
        }
        break;
      case 't':
        literal("true", node, EventBuffer.TRUE);
        break;
      case 'f':
        literal("false", node, EventBuffer.FALSE);
        break;
      case 'n':
        literal("null", node, EventBuffer.NULL);
        break;
      default:
        int start = pos;
        number();
        if (node.slot >= 0) {
          event.add(node.slot, EventBuffer.NUMBER, json.substring(start, pos));
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
    if (json.charAt(pos) == ']') {
      pos++;
      depth--;
      return;
    }
    for (int index = 0; ; index++) {
      char c = json.charAt(pos);
      if (c == '{' || c == '[') {
        event.enterElement(id, index);
        value(node);
        event.leaveElement();
      } else {
        value(node);
      }
      whitespace();
      c = json.charAt(pos++);
      if (c == ']') {
        depth--;
        return;
      }
      if (c != ',') {
        throw malformed("expected , or ]");
      }
      whitespace();
    }
  }

  private void literal(String word, PathTrie.Node node, byte kind) {
    if (!json.startsWith(word, pos)) {
      throw malformed("unexpected character");
    }
    pos += word.length();
    if (node.slot >= 0) {
      event.add(node.slot, kind, word);
    }
  }

  /** Scans a number with JSON's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
  private void number() {
    if (json.charAt(pos) == '-') {
      pos++;
    }
    if (json.charAt(pos) == '0') {
      pos++;
    } else {
      digits();
    }
    if (pos < json.length() && json.charAt(pos) == '.') {
      pos++;
      digits();
    }
    if (pos < json.length() && (json.charAt(pos) == 'e' || json.charAt(pos) == 'E')) {
      pos++;
      if (json.charAt(pos) == '+' || json.charAt(pos) == '-') {
        pos++;
      }
      digits();
    }
  }

  private void digits() {
    int start = pos;
    while (pos < json.length() && json.charAt(pos) >= '0' && json.charAt(pos) <= '9') {
      pos++;
    }
    if (pos == start) {
      throw malformed("expected a digit");
    }
  }

  /** Decodes the string at pos (on its opening quote). */
  private String string() {
    int start = ++pos;
    for (char c = json.charAt(pos); c != '"'; c = json.charAt(++pos)) {
      if (c == '\\') {
        return escaped(start);
      }
    }
    return json.substring(start, pos++);
  }

  private String escaped(int start) {
    StringBuilder sb = new StringBuilder(pos - start + 16).append(json, start, pos);
    for (char c = json.charAt(pos); c != '"'; c = json.charAt(pos)) {
      if (c != '\\') {
        sb.append(c);
        pos++;
        continue;
      }
      char e = json.charAt(pos + 1);
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

  private void skipString() {
    for (char c = json.charAt(++pos); c != '"'; c = json.charAt(++pos)) {
      if (c == '\\') {
        pos++;
      }
    }
    pos++;
  }

  /** Skips any value by scanning to its end, keeping track of nesting and strings only. */
  private void skipValue() {
    char c = json.charAt(pos);
    if (c == '"') {
      skipString();
      return;
    }
    if (c != '{' && c != '[') {
      if (c == 't' || c == 'f' || c == 'n') {
        literal(c == 't' ? "true" : c == 'f' ? "false" : "null", SKIP, EventBuffer.NULL);
      } else {
        number();
      }
      return;
    }
    int open = 0;
    do {
      c = json.charAt(pos);
      if (c == '"') {
        skipString();
        continue;
      }
      if (c == '{' || c == '[') {
        open++;
      } else if (c == '}' || c == ']') {
        open--;
      }
      pos++;
    } while (open > 0);
  }

  private static final PathTrie.Node SKIP = new PathTrie.Node();

  private void whitespace() {
    while (pos < json.length()) {
      char c = json.charAt(pos);
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      pos++;
    }
  }

  private void expect(char c) {
    if (json.charAt(pos) != c) {
      throw malformed("expected " + c);
    }
    pos++;
  }

  private IllegalArgumentException malformed(String what) {
    return new IllegalArgumentException("event is not valid JSON: " + what + " at offset " + pos);
  }
}
