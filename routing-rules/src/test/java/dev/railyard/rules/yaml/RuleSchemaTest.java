package dev.railyard.rules.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

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
    assertThat(object.path("additionalProperties").asBoolean(true))
        .as(pointer + " closed")
        .isFalse();
    List<String> names = new ArrayList<>();
    object.path("properties").fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void shouldBeDraft2020_12() {
    assertThat(SCHEMA.path("$schema").asText())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
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

  private static Set<ValidationMessage> validate(String yamlDocument) {
    JsonSchema schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(SCHEMA);
    Object document = new Load(LoadSettings.builder().build()).loadFromString(yamlDocument);
    return schema.validate(new ObjectMapper().valueToTree(document));
  }

  @Test
  void shouldAcceptEveryDocumentTheLoaderAccepts() throws IOException {
    String file = RuleFilesTest.resource("every-feature.yaml");
    assertThat(RuleFiles.load("every-feature.yaml", file).isValid()).isTrue();

    for (String document : file.split("(?m)^---$")) {
      assertThat(validate(document)).as(document).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "  targets: [{ name: t, connector: c, retires: 1 }]",
        "  targets: [{ name: T, connector: c }]",
        "  targets: [{ name: t, connector: c, config: { connector.class: x } }]",
        "  targets: [{ name: t }]",
        "  targets: [{ name: t, config: { tasks.max: 1 } }]",
        "  targets: [{ name: t, config: { connector.class: x, topics: y } }]",
        "  targets: [{ name: t, connector: c, retry: { maxAttempts: 186 } }]",
        "  targets: [{ name: t, connector: c, retry: { maxAgeSeconds: 59 } }]",
        "  targets: [{ name: t, connector: c, deadLetter: 1 }]",
        "  transform: { inputPath: $.a, input: 1 }\n  targets: [{ name: t, connector: c }]",
        "  transform: { paths: { a: $.a } }\n  targets: [{ name: t, connector: c }]",
        "  transform: {}\n  targets: [{ name: t, connector: c }]",
        "  enabled: 1\n  targets: [{ name: t, connector: c }]"
      })
  void shouldRejectWhatTheLoaderRejects(String tail) {
    String document =
        "apiVersion: railyard/v1\nkind: Rule\nmetadata: { name: r }\nspec:\n  bus: b\n"
            + "  pattern: { a: [1] }\n"
            + tail
            + "\n";

    assertThat(RuleFiles.load("rules.yaml", document).isValid()).as("loader").isFalse();
    assertThat(validate(document)).as("schema").isNotEmpty();
  }
}
