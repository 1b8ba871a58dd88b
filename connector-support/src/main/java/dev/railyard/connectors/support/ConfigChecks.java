package dev.railyard.connectors.support;

import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;

/** Checks of a connector's config beyond what each key's own validator sees. Stateless. */
public final class ConfigChecks {

  private ConfigChecks() {}

  /**
   * Adds to {@code result} (what {@code Connector.validate} found key by key) the error of the
   * connector's config class itself, which checks keys that do not go together: once every key is
   * valid on its own, {@code parse} builds the config class, and a {@link ConfigException} it
   * throws lands on the key its message names ({@code "... for configuration <key>: ..."}), so
   * Connect's validate endpoint shows it at that key rather than nowhere.
   */
  public static Config withCrossKeyErrors(
      Config result, Map<String, String> configs, Consumer<Map<String, String>> parse) {
    boolean valid = result.configValues().stream().allMatch(v -> v.errorMessages().isEmpty());
    if (!valid) {
      return result;
    }
    try {
      parse.accept(configs);
    } catch (ConfigException e) {
      String message = String.valueOf(e.getMessage());
      result.configValues().stream()
          .filter(v -> message.contains("for configuration " + v.name() + ":"))
          .findFirst()
          .ifPresentOrElse(
              v -> v.addErrorMessage(message),
              () -> result.configValues().get(0).addErrorMessage(message));
    }
    return result;
  }
}
