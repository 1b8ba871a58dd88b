package dev.railyard.rules.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link EventId} reads what Jackson's streaming parser reads (the way the router read ids before
 * the byte scan): on generated events, on the same events broken, and on edge cases of the grammar,
 * UTF-8 and Jackson's limits.
 */
class EventIdAgainstJacksonTest {

  private static final JsonFactory JSON = new JsonFactory();

  /** The id as Jackson reads it: the first top-level member named id, when it is a string. */
  private static String jackson(byte[] json) {
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("id".equals(name)) {
          return value == JsonToken.VALUE_STRING ? p.getText() : null;
        }
        p.skipChildren();
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  private static void assertSameAsJackson(byte[] json) {
    assertThat(EventId.of(json))
        .as(
            "id of the text in hex %s",
            HexFormat.of().formatHex(json, 0, Math.min(json.length, 400)))
        .isEqualTo(jackson(json));
  }

  @Test
  void shouldReadTheIdJacksonReadsOfGeneratedEvents() {
    // given 20,000 seeded events with ids first, last, nested, twice, escaped or missing
    RandomJson random = new RandomJson(20261203L);
    int withId = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] event = random.event();
      // when / then
      assertSameAsJackson(event);
      withId += EventId.of(event) != null ? 1 : 0;
    }
    // and most of them had one, so the comparison was not of nulls
    assertThat(withId).isGreaterThan(10_000);
  }

  @Test
  void shouldRefuseWhatJacksonRefusesInBrokenEvents() {
    // given 100,000 events, each broken once: cut short, a byte changed, added or removed
    RandomJson random = new RandomJson(7L);
    int differentFromUnbroken = 0;
    for (int i = 0; i < 100_000; i++) {
      byte[] event = random.event();
      byte[] broken = random.broken(event);
      // when / then
      assertSameAsJackson(broken);
      differentFromUnbroken += java.util.Objects.equals(jackson(broken), jackson(event)) ? 0 : 1;
    }
    // and the breaking changed the answer often enough to have tested the refusals
    assertThat(differentFromUnbroken).isGreaterThan(10_000);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "{\"id\":\"x\"",
        "{\"id\":\"x\" trailing garbage",
        "{\"a\":01,\"id\":\"x\"}",
        "{\"a\":-,\"id\":\"x\"}",
        "{\"a\":1.,\"id\":\"x\"}",
        "{\"a\":.5,\"id\":\"x\"}",
        "{\"a\":+1,\"id\":\"x\"}",
        "{\"a\":1e,\"id\":\"x\"}",
        "{\"a\":1e+,\"id\":\"x\"}",
        "{\"a\":NaN,\"id\":\"x\"}",
        "{\"a\":tru,\"id\":\"x\"}",
        "{\"a\":truex,\"id\":\"x\"}",
        "{\"a\":[1,],\"id\":\"x\"}",
        "{\"a\":{\"b\":1,},\"id\":\"x\"}",
        "{\"a\":1,,\"id\":\"x\"}",
        "{\"a\" 1,\"id\":\"x\"}",
        "{'a':1,\"id\":\"x\"}",
        "{\"a\":1 /* c */,\"id\":\"x\"}",
        "{\"a\":\"\\q\",\"id\":\"x\"}",
        "{\"a\":\"\\u12g4\",\"id\":\"x\"}",
        "{\"a\":\"\u0001\",\"id\":\"x\"}",
        "{\"a\":\"\u007f\",\"id\":\"x\"}",
        "{\"\\ud800\":1,\"id\":\"x\"}",
        "{\"\\udc00\":1,\"id\":\"x\"}",
        "{\"\\ud800\\n\":1,\"id\":\"x\"}",
        "{\"\\ud83d\\ude00\":1,\"id\":\"x\"}",
        "{\"a\":\"\\ud800\",\"id\":\"x\"}",
        "{\"id\":\"\\ud800\"}",
        "{\"id\":\"\\ud83d\\ude00 and \\u00e9\"}",
        "{\"\\u0069\\u0064\":\"escaped name\"}",
        "{\"id\":1,\"id\":\"second\"}",
        "{\"id\":\"first\",\"id\":\"second\"}",
        "\ufeff{\"id\":\"after a byte-order mark\"}",
        "{\"id\":\"x\"}\u0000",
        " \t\r\n{ \t\r\n\"id\" \t\r\n: \t\r\n\"x\"}",
        "{\f\"id\":\"x\"}",
        "{}",
        "{",
        "",
        "   ",
        "[]",
        "null",
        "{\"id\":\"\\\"quoted\\\"\"}",
        "{\"id\":\"\\/\\b\\f\\n\\r\\t\\\\\"}",
        "{\"id\":\"\\u0000\"}",
        "{\"id\":\"\\u00E9\\u00e9\"}"
      })
  void shouldAnswerAsJacksonOnEdgesOfTheGrammar(String json) {
    assertSameAsJackson(json.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "c0 80",
        "c1 bf",
        "c2 80",
        "df bf",
        "e0 80 80",
        "e0 9f bf",
        "e0 a0 80",
        "ed 9f bf",
        "ed a0 80",
        "ed bf bf",
        "ef bf bf",
        "f0 80 80 80",
        "f0 8f bf bf",
        "f0 90 80 80",
        "f4 8f bf bf",
        "f4 90 80 80",
        "f5 80 80 80",
        "f8 88 80 80 80",
        "ff",
        "80",
        "bf",
        "c3",
        "e2 82",
        "f0 9f 98",
        "c3 28",
        "e2 28 a1",
        "f0 28 8c bc"
      })
  void shouldTreatUtf8AsJacksonDoesInNamesValuesAndSkippedStrings(String hex) {
    byte[] bytes = HexFormat.ofDelimiter(" ").parseHex(hex);
    for (String template :
        new String[] {
          "{\"id\":\"a%sb\"}", "{\"a%sb\":1,\"id\":\"x\"}", "{\"a\":[\"%s\"],\"id\":\"x\"}"
        }) {
      String[] parts = template.split("%s");
      byte[] json = concat(parts[0].getBytes(StandardCharsets.UTF_8), bytes, parts[1].getBytes());
      assertSameAsJackson(json);
    }
  }

  @Test
  void shouldKeepJacksonsLimitsOfNestingAndNumberLength() {
    for (int depth : new int[] {998, 999, 1000, 1001}) {
      String nested = "[".repeat(depth) + "]".repeat(depth);
      assertSameAsJackson(("{\"a\":" + nested + ",\"id\":\"x\"}").getBytes());
      String objects = "{\"b\":".repeat(depth) + "1" + "}".repeat(depth);
      assertSameAsJackson(("{\"a\":" + objects + ",\"id\":\"x\"}").getBytes());
    }
    for (int digits : new int[] {999, 1000, 1001}) {
      String n = "1".repeat(digits);
      for (String number :
          new String[] {
            n, "-" + n, n.substring(1) + ".5", "0." + n.substring(1), "1.5e" + n.substring(2)
          }) {
        assertSameAsJackson(("{\"a\":" + number + ",\"id\":\"x\"}").getBytes());
      }
    }
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.write(p, 0, p.length);
    }
    return out.toByteArray();
  }
}
