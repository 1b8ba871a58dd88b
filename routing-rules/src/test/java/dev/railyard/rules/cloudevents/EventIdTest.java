package dev.railyard.rules.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventIdTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "{\"id\":\"e-1\",\"type\":\"t\"}|e-1",
        "{\"data\":{\"id\":\"inner\",\"list\":[{\"id\":\"x\"}]},\"id\":\"outer\"}|outer",
        "{\"specversion\":\"1.0\", \"data\": [1, {\"a\": null}], \"id\": \"late\"}|late",
        "{\"id\":42}|NULL",
        "{\"id\":null}|NULL",
        "{\"type\":\"t\",\"data\":{\"id\":\"inner\"}}|NULL",
        "[{\"id\":\"in-array\"}]|NULL",
        "\"id\"|NULL",
        "{\"id\":\"cut|NULL",
        "not json|NULL",
        "{\"id\":\"é\\u00e9\"}|éé"
      })
  void shouldReadTheTopLevelIdOnly(String json, String id) {
    assertThat(EventId.of(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(id);
  }
}
