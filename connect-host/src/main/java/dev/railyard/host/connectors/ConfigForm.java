package dev.railyard.host.connectors;

import static dev.railyard.host.connectors.ConnectorService.done;
import static dev.railyard.host.connectors.ConnectorService.encode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.api.platform.ConnectorRequest;
import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.answers.ConnectorForm;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A config checked by its connector's own ConfigDef, answered as a form shows it: Connect's {@code
 * PUT /connector-plugins/{class}/config/validate} with each key's definition and value side by
 * side, secrets masked. The guard comes first, as for every write, since Connect resolves config
 * providers to validate. Stateless apart from what it teaches the views about PASSWORD keys.
 */
final class ConfigForm {

  private final ConnectRest connect;
  private final ConfigGuard guard;
  private final GuardedWrites writes;
  private final ConnectorViews views;

  ConfigForm(ConnectRest connect, ConfigGuard guard, GuardedWrites writes, ConnectorViews views) {
    this.connect = connect;
    this.guard = guard;
    this.writes = writes;
    this.views = views;
  }

  CompletableFuture<Outcome<ConnectorForm>> check(String name, ConnectorRequest request) {
    Map<String, String> given = guard.resolveFiles(request.config());
    CompletableFuture<Map<String, String>> current =
        name == null ? done(null) : writes.current(name, given);
    return current.thenCompose(
        inForce -> {
          Outcome.Refused refused = guard.refusal(given, inForce);
          if (refused != null) {
            return done(refused);
          }
          Map<String, String> config = GuardedWrites.keepMaskedSecrets(given, inForce);
          if (config == null) {
            return done(GuardedWrites.maskWithoutSecret(given));
          }
          String className = config.get("connector.class");
          return connect
              .send("PUT", "/connector-plugins/" + encode(className) + "/config/validate", config)
              .thenApply(reply -> answer(className, config, reply));
        });
  }

  private Outcome<ConnectorForm> answer(
      String className, Map<String, String> config, ConnectRest.Answer reply) {
    Outcome.Refused<ConnectorForm> refused = Validation.refusal(reply, className);
    if (refused != null) {
      return refused;
    }
    Validation validation = Validation.of(reply.body());
    views.rememberPasswordKeys(className, validation.passwordKeys());
    Set<String> secret = secretKeys(config, validation.passwordKeys());
    List<ConnectorForm.Key> keys = new ArrayList<>();
    Set<String> groups = new LinkedHashSet<>();
    for (JsonNode entry : reply.body().path("configs")) {
      ConnectorForm.Key key = key(entry, secret);
      groups.add(key.group());
      keys.add(key);
    }
    int errors = validation.errors().values().stream().mapToInt(List::size).sum();
    return Outcome.ok(new ConnectorForm(className, errors, List.copyOf(groups), keys));
  }

  /** The keys whose values an answer must not show: PASSWORD keys, and those masking would hide. */
  private static Set<String> secretKeys(Map<String, String> config, Set<String> passwords) {
    Set<String> secret = new LinkedHashSet<>(passwords);
    SecretMasking.mask(config, passwords)
        .forEach(
            (key, masked) -> {
              if (!masked.equals(config.get(key))) {
                secret.add(key);
              }
            });
    return secret;
  }

  private static ConnectorForm.Key key(JsonNode entry, Set<String> secret) {
    JsonNode definition = entry.path("definition");
    JsonNode value = entry.path("value");
    String name = value.path("name").asText(definition.path("name").asText());
    boolean hidden = secret.contains(name) || "PASSWORD".equals(definition.path("type").asText());
    String current = value.path("value").isNull() ? null : value.path("value").asText(null);
    return new ConnectorForm.Key(
        name,
        text(definition, "display_name", name),
        definition.path("type").asText("STRING"),
        definition.path("required").asBoolean(false),
        hidden,
        hidden && definition.hasNonNull("default_value")
            ? SecretMasking.MASK
            : text(definition, "default_value", null),
        definition.path("importance").asText("LOW"),
        text(definition, "documentation", ""),
        text(definition, "group", "Common"),
        definition.path("order_in_group").asInt(-1),
        definition.path("width").asText("NONE"),
        strings(definition.path("dependents")),
        hidden && current != null && !current.isEmpty() ? SecretMasking.MASK : current,
        hidden ? List.of() : strings(value.path("recommended_values")),
        value.path("visible").asBoolean(true),
        strings(value.path("errors")));
  }

  private static String text(JsonNode node, String field, String fallback) {
    JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull() ? fallback : value.asText();
  }

  private static List<String> strings(JsonNode array) {
    List<String> list = new ArrayList<>();
    array.forEach(v -> list.add(v.asText()));
    return list;
  }
}
