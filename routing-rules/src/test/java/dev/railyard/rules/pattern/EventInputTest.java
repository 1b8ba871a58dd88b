package dev.railyard.rules.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The same event given as text, bytes or a Jackson tree matches the same way. */
class EventInputTest {

  @Test
  void shouldMatchUtf8BytesLikeText() {
    Random random = new Random(3);
    RandomPatterns patterns = new RandomPatterns(random);
    RandomEvents events = new RandomEvents(random);
    for (int i = 0; i < 3000; i++) {
      String p = patterns.pattern();
      if (!Pattern.check(p).isEmpty()) {
        continue;
      }
      Pattern pattern = Pattern.compile(p);
      String event = events.event();
      assertThat(pattern.matches(event.getBytes(StandardCharsets.UTF_8)))
          .as("%s on %s", p, event)
          .isEqualTo(pattern.matches(event));
    }
  }

  @Test
  void shouldMatchJacksonTrees() throws Exception {
    Pattern p = Pattern.compile("{\"a\": {\"b\": [{\"numeric\": [\">\", 1]}], \"c\": [\"x\"]}}");

    assertThat(p.matches(new ObjectMapper().readTree("{\"a\": [{\"b\": 2, \"c\": \"x\"}]}")))
        .isTrue();
    assertThat(p.matches(new ObjectMapper().readTree("{\"a\": [{\"b\": 2}, {\"c\": \"x\"}]}")))
        .isFalse();
  }

  @Test
  void shouldDecodeEscapesInKeysAndValues() {
    Pattern p = Pattern.compile("{\"k\\\"ey\": [\"v\\u00e9\\n\"]}");

    assertThat(p.matches("{\"k\\u0022ey\": \"v\u00e9\\n\"}")).isTrue();
  }

  @Test
  void shouldRefuseAbsurdlyDeepArraysInsteadOfOverflowingTheStack() {
    String deep = "{\"a\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";

    assertThatThrownBy(() -> Pattern.compile("{\"a\": [1]}").matches(deep))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Pattern.compile("{\"b\": [1]}").matches(deep)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"[1]", "\"a\"", "5", "null"})
  void shouldMatchNothingThatIsNotAnObject(String event) {
    assertThat(Pattern.compile("{\"a\": [{\"exists\": false}]}").matches(event)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"a\": }",
        "{\"a\": 1",
        "{\"a\" 1}",
        "{\"a\": tru}",
        "{\"a\": -}",
        "{\"a\": \"x}"
      })
  void shouldRejectMalformedEvents(String event) {
    assertThatThrownBy(() -> Pattern.compile("{\"a\": [1]}").matches(event))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("event is not valid JSON");
  }
}
