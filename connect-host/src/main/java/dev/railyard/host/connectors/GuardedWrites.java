package dev.railyard.host.connectors;

import static dev.railyard.host.connectors.ConnectorService.done;
import static dev.railyard.host.connectors.ConnectorService.encode;

import dev.railyard.api.platform.ConnectorAdmin;
import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.Outcome.Kind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The steps of a config write that need the connector's config in force: the guard's check of a
 * change, and masked secrets kept from it. Thread-safe.
 */
final class GuardedWrites {

  private final ConnectRest connect;
  private final ConfigGuard guard;

  GuardedWrites(ConnectRest connect, ConfigGuard guard) {
    this.connect = connect;
    this.guard = guard;
  }

  /**
   * {@link ConnectorAdmin#checkConfig}. A config without {@code connector.class} is taken as a
   * change (PATCH) of the connector's config in force, and checked merged with it: a FileStream
   * {@code file} is then known as such.
   */
  CompletableFuture<Optional<Outcome.Refused<?>>> check(String name, Map<String, String> config) {
    if (name == null || config.containsKey("connector.class")) {
      return done(Optional.ofNullable(guard.refusal(config, null)));
    }
    return connect
        .send("GET", "/connectors/" + encode(name) + "/config", null)
        .thenApply(
            r -> {
              Map<String, String> merged = new LinkedHashMap<>();
              if (r.ok()) {
                r.body()
                    .fields()
                    .forEachRemaining(e -> merged.put(e.getKey(), e.getValue().asText()));
              }
              merged.putAll(config);
              return Optional.ofNullable(guard.refusal(merged, null));
            });
  }

  /**
   * The connector's config in force when {@code config} holds the mask (it is then needed), else
   * null; null too when there is none.
   */
  CompletableFuture<Map<String, String>> current(String name, Map<String, String> config) {
    if (!config.containsValue(SecretMasking.MASK)) {
      return done(null);
    }
    return connect
        .send("GET", "/connectors/" + encode(name) + "/config", null)
        .thenApply(
            r -> {
              if (!r.ok()) {
                return null;
              }
              Map<String, String> current = new LinkedHashMap<>();
              r.body()
                  .fields()
                  .forEachRemaining(e -> current.put(e.getKey(), e.getValue().asText()));
              return current;
            });
  }

  /**
   * A value sent back as the mask means "keep what is there": GET, edit, PUT must not wipe a
   * secret. Null when a masked value has nothing to keep.
   */
  static Map<String, String> keepMaskedSecrets(
      Map<String, String> config, Map<String, String> current) {
    if (!config.containsValue(SecretMasking.MASK)) {
      return config;
    }
    Map<String, String> merged = new LinkedHashMap<>(config);
    for (Map.Entry<String, String> e : config.entrySet()) {
      if (SecretMasking.MASK.equals(e.getValue())) {
        String kept = current == null ? null : current.get(e.getKey());
        if (kept == null) {
          return null;
        }
        merged.put(e.getKey(), kept);
      }
    }
    return merged;
  }

  static <T> Outcome.Refused<T> maskWithoutSecret(Map<String, String> config) {
    String key =
        config.entrySet().stream()
            .filter(e -> SecretMasking.MASK.equals(e.getValue()))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElse("?");
    return Outcome.refused(
        Kind.INVALID,
        "INVALID_CONFIG",
        "'"
            + key
            + "' holds the mask "
            + SecretMasking.MASK
            + " but the connector has no value to keep; give the secret or a "
            + "reference such as ${file:/path/to/secrets.properties:"
            + key
            + "}",
        Map.of("field", key));
  }
}
