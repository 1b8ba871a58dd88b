package dev.railyard.rules.cloudevents;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Seeded JSON texts for checking {@link EventId} against Jackson: CloudEvent-like objects with
 * {@code id} members at the top and deeper, first, last or twice, as strings or not, names and
 * strings with escapes and every width of UTF-8, numbers of each form; and the same texts broken
 * (cut short, a byte changed, inserted or removed, raw invalid UTF-8) to check that both refuse the
 * same malformed ones.
 */
final class RandomJson {

  private static final String[] NAMES = {
    "id",
    "specversion",
    "source",
    "type",
    "data",
    "subject",
    "i",
    "idx",
    "Id",
    "\\u0069d",
    "i\\u0064",
    "\\u0069\\u0064",
    "\\/id",
    "d\\u00e9j\\u00e0",
    "名前",
    "\\ud83d\\ude00",
    "",
    "a b"
  };
  private static final String[] STRINGS = {
    "e-1",
    "",
    "bench-000000042",
    "é",
    "名前",
    "😀",
    "\\\"",
    "\\\\",
    "\\/",
    "\\b\\f\\n\\r\\t",
    "\\u0041",
    "\\u00e9",
    "\\ud83d\\ude00",
    "\\ud800",
    "\\udc00",
    "x\\u0000y",
    "tab\\tend",
    "ÿ"
  };
  private static final String[] NUMBERS = {
    "0", "-0", "7", "-12", "3.25", "1e5", "1E+5", "2.5e-3", "-0.0", "123456789012345678901234567890"
  };

  private final Random random;

  RandomJson(long seed) {
    this.random = new Random(seed);
  }

  /** A JSON object, usually with a top-level id somewhere. */
  byte[] event() {
    StringBuilder out = new StringBuilder();
    blank(out);
    out.append('{');
    int members = random.nextInt(7);
    int idAt = random.nextInt(10) < 8 ? random.nextInt(members + 1) : -1;
    for (int m = 0; m <= members; m++) {
      if (m > 0) {
        out.append(',');
      }
      blank(out);
      String name = m == idAt ? "id" : pick(NAMES);
      out.append('"').append(name).append('"');
      blank(out);
      out.append(':');
      blank(out);
      if (m == idAt && random.nextInt(5) > 0) {
        out.append('"').append(pick(STRINGS)).append(random.nextInt(1000)).append('"');
      } else {
        value(out, 0);
      }
      blank(out);
    }
    out.append('}');
    blank(out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** {@code json} broken in one of several ways, often into text that is not JSON. */
  byte[] broken(byte[] json) {
    int at = random.nextInt(json.length + 1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    switch (random.nextInt(5)) {
      case 0 -> out.write(json, 0, at);
      case 1 -> {
        out.write(json, 0, at);
        out.write(interesting());
        out.write(json, at, json.length - at);
      }
      case 2 -> {
        out.write(json, 0, at);
        if (at < json.length) {
          out.write(interesting());
          out.write(json, at + 1, json.length - at - 1);
        }
      }
      case 3 -> {
        out.write(json, 0, at);
        if (at < json.length) {
          out.write(json, at + 1, json.length - at - 1);
        }
      }
      default -> {
        out.write(json, 0, at);
        byte[] bad = badUtf8();
        out.write(bad, 0, bad.length);
        out.write(json, at, json.length - at);
      }
    }
    return out.toByteArray();
  }

  private int interesting() {
    String chars = "{}[]\",:\\ 0-.eE+tfnu\u0001\t";
    return random.nextInt(4) == 0
        ? random.nextInt(256)
        : chars.charAt(random.nextInt(chars.length()));
  }

  private byte[] badUtf8() {
    int[][] sequences = {
      {0x80},
      {0xC0, 0x80},
      {0xC1, 0xBF},
      {0xC3},
      {0xE0, 0x80, 0x80},
      {0xED, 0xA0, 0x80},
      {0xF0, 0x80, 0x80, 0x80},
      {0xF4, 0x90, 0x80, 0x80},
      {0xF5, 0x80, 0x80, 0x80},
      {0xFF},
      {0xE2, 0x82},
      {0xC3, 0xA9},
      {0xF0, 0x9F, 0x98, 0x80},
      {0xEF, 0xBB, 0xBF}
    };
    int[] s = sequences[random.nextInt(sequences.length)];
    byte[] bytes = new byte[s.length];
    for (int i = 0; i < s.length; i++) {
      bytes[i] = (byte) s[i];
    }
    return bytes;
  }

  private void value(StringBuilder out, int depth) {
    int kind = random.nextInt(depth > 3 ? 5 : 8);
    switch (kind) {
      case 0 -> out.append('"').append(pick(STRINGS)).append('"');
      case 1 -> out.append(pick(NUMBERS));
      case 2 -> out.append(pick(new String[] {"true", "false", "null"}));
      case 3 -> out.append('"').append(pick(NAMES)).append('"');
      case 4 -> out.append(random.nextInt(100_000));
      case 5, 6 -> object(out, depth + 1);
      default -> array(out, depth + 1);
    }
  }

  private void object(StringBuilder out, int depth) {
    out.append('{');
    int members = random.nextInt(4);
    for (int m = 0; m < members; m++) {
      if (m > 0) {
        out.append(',');
      }
      blank(out);
      out.append('"').append(pick(NAMES)).append("\":");
      blank(out);
      value(out, depth);
    }
    out.append('}');
  }

  private void array(StringBuilder out, int depth) {
    out.append('[');
    int items = random.nextInt(4);
    for (int i = 0; i < items; i++) {
      if (i > 0) {
        out.append(',');
      }
      blank(out);
      value(out, depth);
    }
    out.append(']');
  }

  private void blank(StringBuilder out) {
    if (random.nextInt(4) == 0) {
      out.append(" \n\r\t".charAt(random.nextInt(4)));
    }
  }

  private String pick(String[] from) {
    return from[random.nextInt(from.length)];
  }
}
