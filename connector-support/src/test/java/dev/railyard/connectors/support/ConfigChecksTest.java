package dev.railyard.connectors.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class ConfigChecksTest {

  private static Config config(ConfigValue... values) {
    return new Config(List.of(values));
  }

  @Test
  void shouldPutTheConfigClassErrorOnTheKeyItNames() {
    Config result = config(new ConfigValue("a"), new ConfigValue("b"));

    ConfigChecks.withCrossKeyErrors(
        result,
        Map.of(),
        c -> {
          throw new ConfigException("b", "x", "b needs a");
        });

    assertThat(result.configValues().get(0).errorMessages()).isEmpty();
    assertThat(result.configValues().get(1).errorMessages())
        .singleElement()
        .asString()
        .contains("for configuration b: b needs a");
  }

  @Test
  void shouldNotBuildTheConfigClassWhileAKeyIsInvalidAlready() {
    ConfigValue bad = new ConfigValue("a");
    bad.addErrorMessage("a must be a number");
    boolean[] built = {false};

    ConfigChecks.withCrossKeyErrors(config(bad), Map.of(), c -> built[0] = true);

    assertThat(built[0]).isFalse();
    assertThat(bad.errorMessages()).containsExactly("a must be a number");
  }

  @Test
  void shouldPutAnErrorThatNamesNoKeyOnTheFirstKeyRatherThanDropIt() {
    Config result = config(new ConfigValue("a"));

    ConfigChecks.withCrossKeyErrors(
        result,
        Map.of(),
        c -> {
          throw new ConfigException("the file cannot be read");
        });

    assertThat(result.configValues().get(0).errorMessages())
        .containsExactly("the file cannot be read");
  }
}
