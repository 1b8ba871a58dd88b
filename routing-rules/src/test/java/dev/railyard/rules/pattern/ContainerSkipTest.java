package dev.railyard.rules.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The eight-bytes-at-a-time skip ends a container where reading it one byte at a time does, on
 * random runs of brackets, quotes, backslashes and other bytes, so every way a word can hold them
 * (a string across words, an escape at a word's end, the count reaching zero mid-word) comes up.
 */
class ContainerSkipTest {

  private static final byte[] ALPHABET = "{}[]\"\\a 名".getBytes(StandardCharsets.UTF_8);

  @Test
  void shouldEndWhereAByteByByteReadEnds() {
    Random random = new Random(20261208L);
    int ended = 0;
    for (int t = 0; t < 200_000; t++) {
      byte[] text = new byte[1 + random.nextInt(60)];
      text[0] = random.nextBoolean() ? (byte) '{' : (byte) '[';
      for (int i = 1; i < text.length; i++) {
        text[i] = ALPHABET[random.nextInt(ALPHABET.length)];
      }
      int start = 0;
      int expected = byteByByte(text, start);
      assertThat(ContainerSkip.end(text, start, text.length))
          .as(new String(text, StandardCharsets.UTF_8))
          .isEqualTo(expected);
      ended += expected > 0 ? 1 : 0;
    }
    assertThat(ended).as("texts with a container's end").isGreaterThan(20_000);
  }

  @Test
  void shouldSkipStringsHoldingBracketsAndEscapedQuotes() {
    String text = "{\"a\": \"}]\\\"}\", \"b\": [1, {\"c\": \"\\\\\"}], \"d\": \"x\"} tail";
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

    assertThat(ContainerSkip.end(bytes, 0, bytes.length)).isEqualTo(text.indexOf(" tail"));
  }

  /** The reference: one byte at a time, a backslash in a string escaping the byte after it. */
  private static int byteByByte(byte[] b, int start) {
    int open = 0;
    boolean inString = false;
    for (int i = start; i < b.length; i++) {
      byte c = b[i];
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
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
}
