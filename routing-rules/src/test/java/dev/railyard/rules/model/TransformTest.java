package dev.railyard.rules.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TransformTest {

  @Test
  void shouldFindEveryPlaceholderWithItsOffset() {
    assertThat(
            Transform.Template.placeholders(
                "{\"id\": \"<id>\", \"n\": <railyard.rule-name>} <not a var> <>"))
        .containsExactly(
            new Transform.Placeholder("id", 8),
            new Transform.Placeholder("railyard.rule-name", 20));
  }

  @Test
  void shouldAcceptPlaceholdersNamingPathsOrPredefinedVariables() {
    Transform.Template t =
        new Transform.Template(
            Map.of("id", JsonPath.parse("$.data.id")),
            "<id> <railyard.rule-name> <railyard.event.json> <railyard.ingestion-time>");

    assertThat(t.paths()).containsOnlyKeys("id");
  }

  @Test
  void shouldRejectAnUndefinedPlaceholderListingTheDefinedOnes() {
    assertThatThrownBy(() -> new Transform.Template(Map.of("id", JsonPath.ROOT), "<id> <amount>"))
        .hasMessage(
            "placeholder <amount> is not defined; defined: <id>, <railyard.rule-name>, "
                + "<railyard.event.json>, <railyard.ingestion-time>");
  }

  @Test
  void shouldRejectVariableNamesThatCannotBePlaceholders() {
    assertThatThrownBy(() -> new Transform.Template(Map.of("a.b", JsonPath.ROOT), "x"))
        .hasMessage("'a.b' is not a valid variable name; use 1 to 64 letters, digits, '_' and '-'");
  }

  @Test
  void shouldOnlyHoldJsonAsAConstant() {
    assertThat(new Transform.Constant("{\"a\":1}").json()).isEqualTo("{\"a\":1}");
    assertThatThrownBy(() -> new Transform.Constant("{a:1}"))
        .hasMessageStartingWith("input is not JSON");
  }
}
