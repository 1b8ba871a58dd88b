package dev.railyard.rules.pattern;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@link FastJsonReader} for UTF-8 bytes, read in place: no {@code String} of the event and no copy
 * of its bytes. Keys are looked up in the trie by their bytes (a key with non-ASCII bytes, an
 * escape or a dot is decoded first, so it finds what the decoded text would); a value becomes a
 * {@code String} only when a pattern names its path, and is decoded as the whole event decoded
 * would have it (a malformed UTF-8 sequence as U+FFFD). Strings no pattern names are skipped by
 * looking for a quote or a backslash eight bytes at a time. Reading past the end of the array is
 * how a cut-short event is noticed. Not thread-safe; one instance per read.
 */
final class ByteJsonReader {

  private static final int MAX_NESTING = 1000;
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};

  private final byte[] b;
  private final int n;
  private final EventBuffer event;
  private final PathTrie.Node root;
  private int pos;
  private int depth;
  private boolean atId;

  private ByteJsonReader(byte[] json, PathTrie trie, EventBuffer event) {
    this.b = json;
    this.n = json.length;
    this.event = event;
    this.root = trie.root;
  }

  /**
   * Reads one event; false when the JSON is not an object. Throws IllegalArgumentException when
   * malformed.
   */
  static boolean read(byte[] json, PathTrie trie, EventBuffer event) {
    ByteJsonReader r = new ByteJsonReader(json, trie, event);
    try {
      r.whitespace();
      if (r.pos >= r.n || r.b[r.pos] != '{') {
        return false;
      }
      r.pos++;
      r.object(trie.root);
      return true;
    } catch (IndexOutOfBoundsException e) {
      throw r.malformed("unexpected end");
    }
  }

  private void object(PathTrie.Node node) {
    whitespace();
    if (b[pos] == '}') {
      pos++;
      return;
    }
    while (true) {
      PathTrie.Node child = key(node);
      whitespace();
      expect(':');
      whitespace();
      if (atId) {
        id(child);
      } else if (child == null) {
        skipValue();
      } else {
        value(child);
      }
      whitespace();
      byte ch = b[pos++];
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
    int special = 0;
    for (byte ch = b[pos]; ch != '"'; ch = b[++pos]) {
      if (ch == '\\') {
        pos = start - 1;
        String decoded = string();
        if (node == root) {
          event.idKeyEscaped(); // it may be "id" spelled with escapes: the id is left to others
        }
        return node.child(decoded);
      }
      // a non-ASCII byte has its high bit set: such keys are decoded, like dotted ones
      special |= ch == '.' ? 0x80 : ch;
      hash = 31 * hash + ch;
    }
    int end = pos++;
    atId = node == root && end - start == 2 && b[start] == 'i' && b[start + 1] == 'd';
    // the hash of an ASCII key's bytes is its String's hash
    return (special & 0x80) == 0
        ? node.child(b, start, end, hash)
        : node.child(new String(b, start, end - start, StandardCharsets.UTF_8));
  }

  private void value(PathTrie.Node node) {
    switch (b[pos]) {
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
      case 't' -> literal(TRUE, "true", node.slot, EventBuffer.TRUE);
      case 'f' -> literal(FALSE, "false", node.slot, EventBuffer.FALSE);
      case 'n' -> literal(NULL, "null", node.slot, EventBuffer.NULL);
      default -> {
        int start = pos;
        number();
        if (node.slot >= 0) {
          // a number's text is ASCII only, which Latin-1 decodes by copying
          event.add(
              node.slot,
              EventBuffer.NUMBER,
              new String(b, start, pos - start, StandardCharsets.ISO_8859_1));
        }
      }
    }
  }

  /**
   * The value of a top-level {@code id}: its place is noted (a string without escapes) or its text
   * (with escapes) for the router's event id header, and it is read for the patterns as any value.
   */
  private void id(PathTrie.Node node) {
    atId = false;
    if (b[pos] != '"') {
      event.idIsNotAString();
      if (node == null) {
        skipValue();
      } else {
        value(node);
      }
      return;
    }
    int start = pos + 1;
    String id = string();
    // as many chars as bytes only in ASCII without escapes, whose bytes are the header as they
    // stand
    if (pos - 1 - start == id.length()) {
      event.idAt(start, pos - 1);
    } else {
      event.idIs(id);
    }
    if (node != null && node.slot >= 0) {
      event.add(node.slot, EventBuffer.STRING, id);
    }
  }

  private void array(PathTrie.Node node) {
    if (++depth > MAX_NESTING) {
      throw malformed("arrays nested deeper than " + MAX_NESTING);
    }
    pos++;
    int id = event.newArray();
    whitespace();
    if (b[pos] == ']') {
      pos++;
      depth--;
      return;
    }
    for (int index = 0; ; index++) {
      byte ch = b[pos];
      if (ch == '{' || ch == '[') {
        event.enterElement(id, index);
        value(node);
        event.leaveElement();
      } else {
        value(node);
      }
      whitespace();
      ch = b[pos++];
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

  private void literal(byte[] word, String text, int slot, byte kind) {
    int end = pos + word.length;
    if (end > n || !Arrays.equals(b, pos, end, word, 0, word.length)) {
      throw malformed("unexpected character");
    }
    pos = end;
    if (slot >= 0) {
      event.add(slot, kind, text);
    }
  }

  /** Scans a number with JSON's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
  private void number() {
    if (b[pos] == '-') {
      pos++;
    }
    if (b[pos] == '0') {
      pos++;
    } else {
      digits();
    }
    if (pos < n && b[pos] == '.') {
      pos++;
      digits();
    }
    if (pos < n && (b[pos] == 'e' || b[pos] == 'E')) {
      pos++;
      if (b[pos] == '+' || b[pos] == '-') {
        pos++;
      }
      digits();
    }
  }

  private void digits() {
    int start = pos;
    while (pos < n && b[pos] >= '0' && b[pos] <= '9') {
      pos++;
    }
    if (pos == start) {
      throw malformed("expected a digit");
    }
  }

  /** Decodes the string at pos (on its opening quote); most hold no escape and are one copy. */
  private String string() {
    int start = pos + 1;
    int stop = Structure.quoteOrBackslash(b, start, n);
    if (stop < n && b[stop] == '"') {
      pos = stop + 1;
      return new String(b, start, stop - start, StandardCharsets.UTF_8);
    }
    skipString();
    return Escapes.decode(b, start, pos - 1);
  }

  /** Skips the string at pos (on its opening quote): a backslash skips the byte after it. */
  private void skipString() {
    int i = pos + 1;
    while (true) {
      i = Structure.quoteOrBackslash(b, i, n);
      if (i >= n) {
        throw malformed("unterminated string");
      }
      if (b[i] == '"') {
        pos = i + 1;
        return;
      }
      i += 2;
    }
  }

  /** Skips any value by scanning to its end, keeping track of nesting and strings only. */
  private void skipValue() {
    byte ch = b[pos];
    if (ch == '"') {
      skipString();
      return;
    }
    if (ch != '{' && ch != '[') {
      if (ch == 't' || ch == 'f' || ch == 'n') {
        literal(ch == 't' ? TRUE : ch == 'f' ? FALSE : NULL, null, -1, EventBuffer.NULL);
      } else {
        number();
      }
      return;
    }
    int end = ContainerSkip.end(b, pos, n);
    if (end < 0) {
      throw malformed("unexpected end");
    }
    pos = end;
  }

  private void whitespace() {
    while (pos < n) {
      byte ch = b[pos];
      if (ch != ' ' && ch != '\n' && ch != '\r' && ch != '\t') {
        return;
      }
      pos++;
    }
  }

  private void expect(char ch) {
    if (b[pos] != ch) {
      throw malformed("expected " + ch);
    }
    pos++;
  }

  private IllegalArgumentException malformed(String what) {
    return new IllegalArgumentException("event is not valid JSON: " + what + " at offset " + pos);
  }
}
