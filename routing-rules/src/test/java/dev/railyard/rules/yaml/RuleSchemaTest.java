package dev.railyard.rules.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleSchemaTest {

    private static final JsonNode SCHEMA = read();

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(RuleSchema.json());
        } catch (Exception e) {
            throw new AssertionError("rule.schema.json is not JSON", e);
        }
    }

    private static List<String> keys(String pointer) {
        JsonNode object = SCHEMA.at(pointer);
        assertThat(object.path("additionalProperties").asBoolean(true)).as(pointer + " closed").isFalse();
        List<String> names = new ArrayList<>();
        object.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void shouldBeDraft2020_12() {
        assertThat(SCHEMA.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }

    @Test
    void shouldDeclareExactlyTheKeysTheLoaderAccepts() {
        assertThat(keys("")).containsExactlyElementsOf(Keys.ROOT);
        assertThat(keys("/properties/metadata")).containsExactlyElementsOf(Keys.METADATA);
        assertThat(keys("/properties/spec")).containsExactlyElementsOf(Keys.SPEC);
        assertThat(keys("/$defs/transform")).containsExactlyElementsOf(Keys.TRANSFORM);
        assertThat(keys("/$defs/target")).containsExactlyElementsOf(Keys.TARGET);
        assertThat(keys("/$defs/target/properties/retry")).containsExactlyElementsOf(Keys.RETRY);
    }

    @Test
    void shouldDeclareTheConstantsTheLoaderRequires() {
        assertThat(SCHEMA.at("/properties/apiVersion/const").asText()).isEqualTo(Keys.API_VERSION);
        assertThat(SCHEMA.at("/properties/kind/const").asText()).isEqualTo(Keys.KIND);
    }

    @Test
    void shouldUseTheModelsNamePatterns() {
        assertThat(SCHEMA.at("/$defs/label/pattern").asText())
                .isEqualTo("^" + dev.railyard.rules.model.Names.LABEL.pattern() + "$");
        assertThat(SCHEMA.at("/properties/spec/properties/bus/pattern").asText())
                .isEqualTo("^" + dev.railyard.rules.model.Names.BUS.pattern() + "$");
    }
}
