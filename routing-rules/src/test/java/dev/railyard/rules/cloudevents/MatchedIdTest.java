package dev.railyard.rules.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.rules.pattern.Matched;
import dev.railyard.rules.pattern.RuleSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The id the matcher reads on its way through an event is the one {@link EventId} reads, for every
 * event that is valid JSON (the router then uses it instead of reading the event again): whether a
 * rule names {@code id} or not, with ids first, last, twice, escaped, not strings or missing.
 */
class MatchedIdTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<RuleSet> RULE_SETS =
      List.of(
          RuleSet.empty(),
          RuleSet.of(Map.of("by-type", "{\"type\": [{\"exists\": true}]}")),
          RuleSet.of(Map.of("by-id", "{\"id\": [{\"prefix\": \"\"}]}")));

  @Test
  void shouldReadTheIdEventIdReadsOfGeneratedAndBrokenEvents() {
    RandomJson random = new RandomJson(20261208L);
    int compared = 0;
    for (int i = 0; i < 40_000; i++) {
      byte[] event = i % 2 == 0 ? random.event() : random.broken(random.event());
      if (!validJson(event)) {
        continue;
      }
      for (RuleSet rules : RULE_SETS) {
        Matched matched = rules.matchEvent(event);
        if (matched.idRead()) {
          assertSameId(matched, event);
          compared++;
        }
      }
    }
    assertThat(compared).as("events whose id the matcher read").isGreaterThan(30_000);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"id\": \"a\", \"id\": \"b\"}",
        "{\"data\": {\"id\": \"inner\"}, \"id\": \"outer\"}",
        "{\"id\": 7, \"id\": \"later\"}",
        "{\"id\": \"x\\u0041\\n\"}",
        "{\"id\": \"名前\"}",
        "{\"ids\": \"no\", \"i\": \"no\"}",
        "{\"id\": null}"
      })
  void shouldReadTheFirstTopLevelStringId(String event) {
    byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
    for (RuleSet rules : RULE_SETS) {
      Matched matched = rules.matchEvent(bytes);
      assertThat(matched.idRead()).as(event).isTrue();
      assertSameId(matched, bytes);
    }
  }

  @Test
  void shouldLeaveTheIdToEventIdAfterAnEscapedKey() {
    byte[] event = "{\"\\u0069d\": \"first\", \"id\": \"second\"}".getBytes(StandardCharsets.UTF_8);

    Matched matched = RuleSet.empty().matchEvent(event);

    assertThat(matched.idRead()).isFalse();
    assertThat(matched.idUtf8()).isNull();
    assertThat(EventId.of(event)).isEqualTo("first");
  }

  // compared as the header's bytes, as the router wrote them from EventId's answer
  private static void assertSameId(Matched matched, byte[] event) {
    String expected = EventId.of(event);
    assertThat(matched.idUtf8())
        .as(
            "id of the text in hex %s",
            HexFormat.of().formatHex(event, 0, Math.min(event.length, 400)))
        .isEqualTo(expected == null ? null : expected.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean validJson(byte[] event) {
    try {
      JSON.readTree(event);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
