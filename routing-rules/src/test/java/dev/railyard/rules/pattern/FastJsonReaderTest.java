package dev.railyard.rules.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reader skips values no pattern names eight characters at a time and strings by searching
 * their closing quote: what it skips must not change what it reads after.
 */
class FastJsonReaderTest {

  private static final Pattern AFTER = Pattern.compile("{\"after\": [\"yes\"]}");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[1, 2, [3, [4, {\"x\": \"]}\"}]], 5]",
        "{\"a\": \"\\\"]}\", \"b\": [\"\\\\\", \"\\\\\\\"\"]}",
        "[\"ś\", \"Ż}\", \"Ģ\", \"Ā\", \"名前 [ ] { }\"]",
        "[1, ś, Ż, Ģ, Ā, 名]",
        "{\"deep\": [[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]}",
        "[-122.422003528252475,37.808480096967251,0.0,1e5,-0,true,false,null]",
        "\"a long string with \\\"escaped\\\" quotes, [brackets] and {braces} in it\"",
        "[\"\\\\\\\\\"]"
      })
  void shouldReadTheKeyAfterASkippedValue(String skipped) {
    String event = "{\"skipped\": " + skipped + ", \"after\": \"yes\"}";

    assertThat(AFTER.matches(event)).as(event).isTrue();
    assertThat(AFTER.matches(event.replace("\"yes\"", "\"no\""))).as(event).isFalse();
  }

  @Test
  void shouldSkipWhatJacksonParsesAndFindTheSameLeaves() throws Exception {
    Random random = new Random(9);
    RandomEvents events = new RandomEvents(random);
    ObjectMapper mapper = new ObjectMapper();
    Pattern deep = Pattern.compile("{\"after\": [{\"exists\": true}]}");
    for (int i = 0; i < 5000; i++) {
      String inner = events.event();
      String event = "{\"skipped\": " + inner + ", \"z\": [" + inner + "], \"after\": 1}";
      mapper.readTree(event);
      assertThat(deep.matches(event)).as(event).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"skipped\": [1, 2, 3",
        "{\"skipped\": [\"]\"",
        "{\"skipped\": \"abc",
        "{\"skipped\": \"abc\\\"",
        "{\"skipped\": {\"a\": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]",
        "{\"skipped\": [1]"
      })
  void shouldRejectEventsCutShortInsideSkippedValues(String event) {
    assertThatThrownBy(() -> AFTER.matches(event))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("event is not valid JSON");
  }

  @Test
  void shouldNotReadPastTheEndIntoALongerEventReadBefore() {
    String longer = "{\"skipped\": [" + "1,".repeat(500) + "1], \"after\": \"yes\"}";
    assertThat(AFTER.matches(longer)).isTrue();

    assertThatThrownBy(() -> AFTER.matches("{\"skipped\": [1, 2"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AFTER.matches("{\"after\": \"ye"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldKeepANulInsideAStringAsACharacter() {
    assertThat(AFTER.matches("{\"skipped\": [\"a\u0000b\"], \"after\": \"yes\"}")).isTrue();
    assertThat(Pattern.compile("{\"a\": [\"x\\u0000y\"]}").matches("{\"a\": \"x\u0000y\"}"))
        .isTrue();
  }
}
