package dev.railyard.rules.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bytes of an event match as its text does: the same rules, or the same refusal of malformed
 * JSON, on generated events, on those events cut short or with a byte changed, and where the
 * eight-bytes-at-a-time scans meet a quote, a backslash or the end.
 */
class ByteJsonReaderTest {

  @Test
  void shouldMatchGeneratedEventsAsTheirText() {
    Random random = new Random(11);
    RuleSet rules = randomRules(random, 40);
    RandomEvents events = new RandomEvents(random);
    int matched = 0;
    for (int i = 0; i < 20_000; i++) {
      String event = events.event();
      List<String> fromText = rules.matches(event);
      assertThat(rules.matches(event.getBytes(StandardCharsets.UTF_8)))
          .as(event)
          .isEqualTo(fromText);
      matched += fromText.isEmpty() ? 0 : 1;
    }
    assertThat(matched).as("events some rule matched").isGreaterThan(1000);
  }

  @Test
  void shouldRejectOrMatchBrokenEventsAsTheirText() {
    Random random = new Random(12);
    RuleSet rules = randomRules(random, 40);
    RandomEvents events = new RandomEvents(random);
    int rejected = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = events.event().getBytes(StandardCharsets.UTF_8);
      byte[] broken =
          random.nextBoolean()
              ? java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length))
              : changeOneByte(bytes, random);
      String text = new String(broken, StandardCharsets.UTF_8);
      Object fromText = outcome(() -> rules.matches(text));
      assertThat(outcome(() -> rules.matches(broken))).as(text).isEqualTo(fromText);
      rejected += fromText.equals("malformed") ? 1 : 0;
    }
    assertThat(rejected).as("broken events rejected").isGreaterThan(5000);
  }

  @Test
  void shouldFindTheEndOfSkippedStringsOfEveryLengthAndEscape() {
    Pattern after = Pattern.compile("{\"after\": [\"yes\"]}");
    String[] pieces = {"a", "\\\"", "\\\\", "é", "名", "\\u0041", "]", "}"};
    Random random = new Random(13);
    for (int length = 0; length < 40; length++) {
      for (int k = 0; k < 20; k++) {
        StringBuilder skipped = new StringBuilder();
        for (int i = 0; i < length; i++) {
          skipped.append(pieces[random.nextInt(pieces.length)]);
        }
        String event =
            "{\"s\": \"" + skipped + "\", \"o\": [\"" + skipped + "\"], \"after\": \"yes\"}";
        assertThat(after.matches(event.getBytes(StandardCharsets.UTF_8))).as(event).isTrue();
        String cut = event.substring(0, event.indexOf("\"after\""));
        assertThat(outcome(() -> after.matches(cut.getBytes(StandardCharsets.UTF_8))))
            .as(cut)
            .isEqualTo("malformed");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"ké\": \"v\"}",
        "{\"k\\u00e9\": \"v\"}",
        "{\"a.b\": \"v\"}",
        "{\"a\": {\"b\": \"v\"}}",
        "{\"a\": [{\"b\": \"v\"}]}",
        "{\"x\": \"\\u540d\\u524d\", \"名前\": \"v\"}"
      })
  void shouldFindKeysWithDotsEscapesAndOtherScripts(String event) {
    RuleSet rules =
        RuleSet.of(
            Map.of(
                "accented", "{\"ké\": [\"v\"]}",
                "dotted", "{\"a\": {\"b\": [\"v\"]}}",
                "name", "{\"名前\": [\"v\"], \"x\": [\"名前\"]}"));

    List<String> fromBytes = rules.matches(event.getBytes(StandardCharsets.UTF_8));

    assertThat(fromBytes).hasSize(1).isEqualTo(rules.matches(event));
  }

  @Test
  void shouldDecodeMalformedUtf8InNamedValuesAsTheText() {
    Pattern replaced = Pattern.compile("{\"a\": [\"x\uFFFDy\"]}");
    byte[] event = {'{', '"', 'a', '"', ':', '"', 'x', (byte) 0xC3, 'y', '"', '}'};

    assertThat(replaced.matches(event)).isTrue();
    assertThat(replaced.matches(new String(event, StandardCharsets.UTF_8))).isTrue();
  }

  private static RuleSet randomRules(Random random, int count) {
    RandomPatterns patterns = new RandomPatterns(random);
    Map<String, String> rules = new LinkedHashMap<>();
    while (rules.size() < count) {
      String p = patterns.pattern();
      if (Pattern.check(p).isEmpty()) {
        rules.put("r" + rules.size(), p);
      }
    }
    return RuleSet.of(rules);
  }

  private static byte[] changeOneByte(byte[] bytes, Random random) {
    byte[] changed = bytes.clone();
    byte[] choices = {'"', '\\', '{', '}', '[', ']', ',', ':', '1', 'e', (byte) 0xE5, 0};
    changed[random.nextInt(changed.length)] = choices[random.nextInt(choices.length)];
    return changed;
  }

  /** The rules matched, or "malformed" when the event was refused as malformed JSON. */
  private static Object outcome(java.util.function.Supplier<Object> match) {
    try {
      return match.get();
    } catch (IllegalArgumentException e) {
      assertThat(e).hasMessageStartingWith("event is not valid JSON");
      return "malformed";
    }
  }
}
