package dev.railyard.rules.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railyard.rules.model.Rule;
import dev.railyard.rules.yaml.RuleFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleRecordsTest {

  @Test
  void shouldReadBackEveryRuleItWrites() throws IOException {
    List<Rule> rules =
        RuleFiles.load("every-feature.yaml", resource("every-feature.yaml")).rulesOrThrow();

    for (Rule rule : rules) {
      assertThat(RuleRecords.read(rule.name(), RuleRecords.write(rule))).isEqualTo(rule);
    }
    assertThat(rules).hasSizeGreaterThan(1);
  }

  @Test
  void shouldRefuseARecordThatIsNotOneValidRule() {
    assertThatThrownBy(() -> RuleRecords.read("broken", "{\"apiVersion\": \"railyard/v1\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("record broken of railyard.rules is not one valid rule");
  }

  /** The rule language's own example files (tests run in the module's folder). */
  private static String resource(String name) throws IOException {
    return Files.readString(
        Path.of("../routing-rules/src/test/resources/dev/railyard/rules/yaml", name),
        StandardCharsets.UTF_8);
  }
}
