package dev.railyard.rules.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonPathTest {

  private static final JsonNode EVENT =
      json(
          "{\"id\": \"e1\", \"data\": {\"id\": 7, \"items\": [{\"sku\": \"a\"}, "
              + "{\"sku\": \"b\"}], \"a.b\": true, \"it's\": 1}, \"detail-type\": \"x\"}");

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "$                      | "
            + "{\"id\":\"e1\",\"data\":{\"id\":7,\"items\":[{\"sku\":\"a\"},{\"sku\":\"b\"}],"
            + "\"a.b\":true,\"it's\":1},\"detail-type\":\"x\"}",
        "$.data.id              | 7",
        "$.detail-type          | \"x\"",
        "$.data.items[1].sku    | \"b\"",
        "$.data.items[*].sku    | [\"a\",\"b\"]",
        "$.data.items[*]        | [{\"sku\":\"a\"},{\"sku\":\"b\"}]",
        "$['data']['a.b']       | true",
        "$.data[\"it's\"]       | 1",
        "$.data['it\\'s']       | 1",
        "$.data.nope[*]         | []"
      })
  void shouldSelectWhatThePathNames(String path, String expected) {
    assertThat(JsonPath.parse(path).read(EVENT)).isEqualTo(json(expected));
  }

  @Test
  void shouldReadAbsentValuesAsMissing() {
    assertThat(JsonPath.parse("$.data.items[5]").read(EVENT).isMissingNode()).isTrue();
    assertThat(JsonPath.parse("$.id.deeper").read(EVENT).isMissingNode()).isTrue();
    assertThat(JsonPath.parse("$[0]").read(EVENT).isMissingNode()).isTrue();
  }

  @Test
  void shouldWriteACanonicalText() {
    assertThat(JsonPath.parse("$[\"data\"]['a.b'][0][*]").toString())
        .isEqualTo("$.data['a.b'][0][*]");
    assertThat(JsonPath.parse("$['it\\'s']"))
        .isEqualTo(JsonPath.parse(JsonPath.parse("$['it\\'s']").toString()));
    assertThat(JsonPath.parse("$")).isEqualTo(JsonPath.ROOT);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "data.id       | 1  | a path starts with '$'",
        "$data         | 2  | expected '.' or '[' but found 'd'",
        "$.            | 3  | expected a name after '.' but found the end",
        "$.a.*         | 5  | expected a name after '.' but found '*' (write [*] for every element)",
        "$.a[x]        | 5  | expected an index, '*' or a quoted name after '[' but found 'x'",
        "$.a[01]       | 5  | an index has no leading zeros",
        "$.a[1         | 6  | expected ']'",
        "$['a          | 3  | the quoted name is not closed",
        "$.a[-1]       | 5  | expected an index, '*' or a quoted name after '[' but found '-'",
        "$.a..b        | 5  | expected a name after '.' but found '.'"
      })
  void shouldRejectWhatIsNotInTheSubsetWithThePosition(String path, int character, String reason) {
    assertThatThrownBy(() -> JsonPath.parse(path))
        .isInstanceOfSatisfying(
            JsonPathException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.index()).isEqualTo(character - 1);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "at character "
                          + character
                          + ": "
                          + reason
                          + "; "
                          + JsonPathException.SUPPORTED);
            });
  }

  @Test
  void shouldRejectOverlongPaths() {
    assertThatThrownBy(() -> JsonPath.parse("$." + "a".repeat(255)))
        .hasMessageContaining("longer than 256");
  }
}
