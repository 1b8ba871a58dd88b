package dev.railyard.rules.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railyard.rules.model.Rule;
import dev.railyard.rules.yaml.RuleFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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

  private static String resource(String name) throws IOException {
    try (InputStream in =
        RuleRecordsTest.class.getResourceAsStream("/dev/railyard/rules/yaml/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
