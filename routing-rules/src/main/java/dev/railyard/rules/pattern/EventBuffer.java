package dev.railyard.rules.pattern;

import java.util.Arrays;

/**
 * The leaves of one event that some pattern refers to, flattened: per value its slot (the pattern
 * path it sits at), its JSON kind, its text and the chain of array elements that enclose it. One
 * buffer serves one match at a time; {@link #local()} hands each thread its own, so matching
 * allocates almost nothing.
 */
final class EventBuffer {

  static final byte STRING = 0;
  static final byte NUMBER = 1;
  static final byte TRUE = 2;
  static final byte FALSE = 3;
  static final byte NULL = 4;

  /** What the byte reader saw of the top-level {@code id}: none yet, its place, its text, ... */
  static final byte ID_NONE = 0;

  static final byte ID_AT = 1;
  static final byte ID_TEXT = 2;
  static final byte ID_NOT_A_STRING = 3;

  /** ... or an escaped top-level key before it, which might have been an {@code id} itself. */
  static final byte ID_UNKNOWN = 4;

  private static final ThreadLocal<EventBuffer> LOCAL = ThreadLocal.withInitial(EventBuffer::new);

  private int count;
  private byte[] kind = new byte[32];
  private String[] text = new String[32];
  private double[] number = new double[32];
  private byte[] numberState = new byte[32];
  private Object[] cache = new Object[32];
  private String[] normalized = new String[32];
  private String[] quoted = new String[32];
  private int[] next = new int[32];
  private int[] chainOffset = new int[32];
  private int[] chainLength = new int[32];
  private int[] head = new int[16];
  private int[] tail = new int[16];
  private int slots;

  private int[] chainPool = new int[64];
  private int poolSize;
  private int[] chain = new int[16];
  private int chainDepth;
  private int arrays;
  private byte idState;
  private int idStart;
  private int idEnd;
  private String idText;
  private char[] chars = new char[1024];
  private byte[] bytes = new byte[1024];

  static EventBuffer local() {
    return LOCAL.get();
  }

  void reset(int slotCount) {
    for (int i = 0; i < count; i++) {
      text[i] = null;
      cache[i] = null;
      normalized[i] = null;
      quoted[i] = null;
    }
    count = 0;
    poolSize = 0;
    chainDepth = 0;
    arrays = 0;
    slots = slotCount;
    idState = ID_NONE;
    idText = null;
    if (head.length < slotCount) {
      head = new int[slotCount];
      tail = new int[slotCount];
    }
    Arrays.fill(head, 0, slotCount, -1);
  }

  /**
   * A copy of {@code json}'s characters followed by two NUL sentinels, reused from event to event,
   * so the JSON reader scans an array instead of calling {@link String#charAt} and needs no bounds
   * test in loops that stop at a quote or bracket.
   */
  char[] chars(String json) {
    int n = json.length();
    if (chars.length < n + 2) {
      chars = new char[Math.max(n + 2, chars.length * 2)];
    }
    json.getChars(0, n, chars, 0);
    chars[n] = 0;
    chars[n + 1] = 0;
    return chars;
  }

  /**
   * The low bytes of {@code json}'s characters followed by eight NULs, reused from event to event,
   * for skipping eight characters at a time: a structural character ({@code {}[]"}) keeps its byte,
   * so a block without such bytes holds none (other characters may look like one, and are checked
   * in {@link #chars}).
   */
  @SuppressWarnings("deprecation")
  byte[] lowBytes(String json) {
    int n = json.length();
    if (bytes.length < n + 8) {
      bytes = new byte[Math.max(n + 8, bytes.length * 2)];
    }
    // the deprecated getBytes copies each char's low byte: for Latin-1 text one array copy
    json.getBytes(0, n, bytes, 0);
    java.util.Arrays.fill(bytes, n, n + 8, (byte) 0);
    return bytes;
  }

  void idAt(int start, int end) {
    if (idState == ID_NONE) {
      idState = ID_AT;
      idStart = start;
      idEnd = end;
    }
  }

  void idIs(String text) {
    if (idState == ID_NONE) {
      idState = ID_TEXT;
      idText = text;
    }
  }

  void idIsNotAString() {
    if (idState == ID_NONE) {
      idState = ID_NOT_A_STRING;
    }
  }

  void idKeyEscaped() {
    if (idState == ID_NONE) {
      idState = ID_UNKNOWN;
    }
  }

  byte idState() {
    return idState;
  }

  /** The first top-level {@code id} the byte reader saw, as UTF-8 (see {@link #idState()}). */
  byte[] idUtf8(byte[] json) {
    return switch (idState) {
      case ID_AT -> Arrays.copyOfRange(json, idStart, idEnd);
      case ID_TEXT -> idText.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      default -> null;
    };
  }

  int newArray() {
    return arrays++;
  }

  /**
   * Whether any leaf sits inside an element that is itself an object or array (array consistency
   * matters).
   */
  boolean hasChains() {
    return poolSize > 0;
  }

  int arrayCount() {
    return arrays;
  }

  void enterElement(int array, int index) {
    if (chainDepth + 2 > chain.length) {
      chain = Arrays.copyOf(chain, chain.length * 2);
    }
    chain[chainDepth++] = array;
    chain[chainDepth++] = index;
  }

  void leaveElement() {
    chainDepth -= 2;
  }

  void add(int slot, byte valueKind, String valueText) {
    if (count == kind.length) {
      grow();
    }
    int i = count++;
    kind[i] = valueKind;
    text[i] = valueText;
    numberState[i] = 0;
    next[i] = -1;
    chainLength[i] = chainDepth;
    if (chainDepth > 0) {
      if (poolSize + chainDepth > chainPool.length) {
        chainPool = Arrays.copyOf(chainPool, Math.max(chainPool.length * 2, poolSize + chainDepth));
      }
      System.arraycopy(chain, 0, chainPool, poolSize, chainDepth);
      chainOffset[i] = poolSize;
      poolSize += chainDepth;
    }
    if (head[slot] < 0) {
      head[slot] = i;
    } else {
      next[tail[slot]] = i;
    }
    tail[slot] = i;
  }

  /**
   * Adds a number whose double value is already known (Connect values), so it is never parsed
   * again.
   */
  void addNumber(int slot, String valueText, double value) {
    add(slot, NUMBER, valueText);
    number[count - 1] = value;
    numberState[count - 1] = (byte) (Double.isNaN(value) ? 2 : 1);
  }

  int first(int slot) {
    return slot < slots ? head[slot] : -1;
  }

  int next(int value) {
    return next[value];
  }

  byte kind(int value) {
    return kind[value];
  }

  String text(int value) {
    return text[value];
  }

  /**
   * The value as an exactly representable double, or NaN when it is no number or not exactly a
   * double.
   */
  double number(int value) {
    if (numberState[value] == 0) {
      double d = kind[value] == NUMBER ? Numbers.comparable(text[value]) : Double.NaN;
      number[value] = d;
      numberState[value] = (byte) (Double.isNaN(d) ? 2 : 1);
    }
    return number[value];
  }

  /**
   * The text as its UTF-8 bytes read back (unpaired surrogates as '?'), which is what byte-wise
   * tests see.
   */
  String normalized(int value) {
    String n = normalized[value];
    if (n == null) {
      n = Text.normalize(text[value]);
      normalized[value] = n;
    }
    return n;
  }

  /** The normalized text in the quotes event-ruler compares case-insensitive tests with. */
  String quoted(int value) {
    String q = quoted[value];
    if (q == null) {
      q = '"' + normalized(value) + '"';
      quoted[value] = q;
    }
    return q;
  }

  Object cached(int value) {
    return cache[value];
  }

  void cache(int value, Object derived) {
    cache[value] = derived;
  }

  int chainLength(int value) {
    return chainLength[value];
  }

  int chainAt(int value, int position) {
    return chainPool[chainOffset[value] + position];
  }

  private void grow() {
    int n = kind.length * 2;
    kind = Arrays.copyOf(kind, n);
    text = Arrays.copyOf(text, n);
    number = Arrays.copyOf(number, n);
    numberState = Arrays.copyOf(numberState, n);
    cache = Arrays.copyOf(cache, n);
    normalized = Arrays.copyOf(normalized, n);
    quoted = Arrays.copyOf(quoted, n);
    next = Arrays.copyOf(next, n);
    chainOffset = Arrays.copyOf(chainOffset, n);
    chainLength = Arrays.copyOf(chainLength, n);
  }
}
