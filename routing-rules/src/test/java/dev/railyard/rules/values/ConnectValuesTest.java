package dev.railyard.rules.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railyard.rules.pattern.Pattern;
import dev.railyard.rules.pattern.RuleSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class ConnectValuesTest {

  private static final Schema ITEM =
      SchemaBuilder.struct().field("sku", Schema.STRING_SCHEMA).build();

  @Test
  void shouldPresentAStructAsAMapOfItsFieldsInSchemaOrder() {
    Schema schema =
        SchemaBuilder.struct()
            .field("b", Schema.INT32_SCHEMA)
            .field("a", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    Object view = ConnectValues.matchable(new Struct(schema).put("b", 7).put("a", null));

    assertThat(view).isInstanceOf(Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> fields = (Map<String, Object>) view;
    assertThat(fields.keySet()).containsExactly("b", "a");
    assertThat(fields).containsEntry("b", 7).containsEntry("a", null);
  }

  @Test
  void shouldReachStructsInsideListsAndMapsOfAStruct() {
    Schema schema =
        SchemaBuilder.struct()
            .field("items", SchemaBuilder.array(ITEM).build())
            .field("byName", SchemaBuilder.map(Schema.STRING_SCHEMA, ITEM).build())
            .build();
    Struct event =
        new Struct(schema)
            .put("items", List.of(item("x-1"), item("y-2")))
            .put("byName", Map.of("main", item("z-3")));

    Object view = ConnectValues.matchable(event);

    assertThat(Pattern.compile("{\"items\": {\"sku\": [\"y-2\"]}}").matches(view)).isTrue();
    assertThat(Pattern.compile("{\"byName\": {\"main\": {\"sku\": [\"z-3\"]}}}").matches(view))
        .isTrue();
    assertThat(Pattern.compile("{\"items\": {\"sku\": [\"z-3\"]}}").matches(view)).isFalse();
  }

  @Test
  void shouldReachStructsInsidePlainMapsSuchAsHeaders() {
    RuleSet rules =
        RuleSet.of(Map.of("by-header", "{\"origin\": {\"sku\": [{\"prefix\": \"x-\"}]}}"));

    assertThat(rules.matches(ConnectValues.matchable(Map.of("origin", item("x-9")))))
        .containsExactly("by-header");
  }

  @Test
  void shouldRefuseAStructHandedToTheMatcherWithoutTheAdapter() {
    assertThatThrownBy(() -> Pattern.compile("{\"sku\": [\"x-1\"]}").matches(item("x-1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ConnectValues.matchable");
  }

  @Test
  void shouldLeaveOtherValuesAsTheyAre() {
    assertThat(ConnectValues.matchable("text")).isEqualTo("text");
    assertThat(ConnectValues.matchable(42L)).isEqualTo(42L);
    assertThat(ConnectValues.matchable(null)).isNull();
  }

  private static Struct item(String sku) {
    return new Struct(ITEM).put("sku", sku);
  }
}
