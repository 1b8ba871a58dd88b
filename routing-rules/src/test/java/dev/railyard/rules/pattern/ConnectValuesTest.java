package dev.railyard.rules.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.rules.values.ConnectValues;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;
import software.amazon.event.ruler.Machine;

class ConnectValuesTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final JsonConverter converter = schemaless();

  @Test
  void shouldMatchMapsFromJsonConverterInPlace() {
    Pattern p =
        Pattern.compile(
            "{\"data\": {\"amount\": [{\"numeric\": [\">\", 100]}], \"tags\": [\"vip\"]}}");

    Object value = toConnect("{\"data\": {\"amount\": 150.5, \"tags\": [\"new\", \"vip\"]}}");

    assertThat(value).isInstanceOf(Map.class);
    assertThat(p.matches(value)).isTrue();
    assertThat(p.matches(toConnect("{\"data\": {\"amount\": 99, \"tags\": [\"vip\"]}}"))).isFalse();
  }

  @Test
  void shouldMatchStructsByFieldName() {
    Schema inner =
        SchemaBuilder.struct()
            .field("amount", Schema.INT64_SCHEMA)
            .field("country", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    Schema outer =
        SchemaBuilder.struct().field("type", Schema.STRING_SCHEMA).field("data", inner).build();
    Struct event =
        new Struct(outer)
            .put("type", "order.paid")
            .put("data", new Struct(inner).put("amount", 300L).put("country", null));

    assertThat(
            Pattern.compile(
                    "{\"type\": [\"order.paid\"], \"data\": {\"amount\": [3.0e2], \"country\": [null]}}")
                .matches(ConnectValues.matchable(event)))
        .isTrue();
    assertThat(
            Pattern.compile("{\"data\": {\"country\": [{\"exists\": false}]}}")
                .matches(ConnectValues.matchable(event)))
        .isFalse();
  }

  @Test
  void shouldAgreeWithEventRulerOnTheReserializedRecord() throws Exception {
    Random random = new Random(11);
    RandomPatterns patterns = new RandomPatterns(random);
    RandomEvents events = new RandomEvents(random);
    int compared = 0;
    while (compared < 20_000) {
      String pattern = patterns.pattern();
      Machine machine = DifferentialTest.machine(pattern);
      if (machine == null || !Pattern.check(pattern).isEmpty()) {
        continue;
      }
      Pattern p = Pattern.compile(pattern);
      for (int i = 0; i < 5; i++, compared++) {
        Object value = toConnect(events.event());
        String json = MAPPER.writeValueAsString(value);
        boolean actual = p.matches(value);
        assertThat(actual).as("%s on %s", pattern, json).isEqualTo(p.matches(json));
        if (actual != DifferentialTest.ruler(machine, json)) {
          assertThat(SplitOracle.matches(pattern, json))
              .as("%s on %s", pattern, json)
              .isEqualTo(actual);
        }
      }
    }
  }

  private Object toConnect(String json) {
    return converter.toConnectData("t", json.getBytes(StandardCharsets.UTF_8)).value();
  }

  private static JsonConverter schemaless() {
    JsonConverter c = new JsonConverter();
    c.configure(Map.of("schemas.enable", false), false);
    return c;
  }

  @Test
  void shouldMatchListsAndPrimitivesInsideMaps() {
    Pattern p = Pattern.compile("{\"a\": {\"b\": [true], \"c\": [{\"prefix\": \"x\"}]}}");

    assertThat(p.matches(Map.of("a", List.of(Map.of("b", true, "c", "xy"))))).isTrue();
    assertThat(p.matches(Map.of("a", List.of(Map.of("b", true), Map.of("c", "xy"))))).isFalse();
  }
}
