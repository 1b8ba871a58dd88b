package dev.railyard.host.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.api.platform.Outcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** What Connect's {@code PUT /connector-plugins/{class}/config/validate} said about a config. */
record Validation(Map<String, List<String>> errors, Set<String> passwordKeys) {

  static Validation of(JsonNode reply) {
    Map<String, List<String>> errors = new LinkedHashMap<>();
    Set<String> passwords = new TreeSet<>();
    for (JsonNode config : reply.path("configs")) {
      String name =
          config.path("value").path("name").asText(config.path("definition").path("name").asText());
      if ("PASSWORD".equals(config.path("definition").path("type").asText())) {
        passwords.add(name);
      }
      List<String> messages = new java.util.ArrayList<>();
      config.path("value").path("errors").forEach(e -> messages.add(e.asText()));
      if (!messages.isEmpty()) {
        errors.put(name, List.copyOf(messages));
      }
    }
    return new Validation(errors, passwords);
  }

  boolean valid() {
    return errors.isEmpty();
  }

  /** e.g. {@code 2 config errors: topics: Must be set; file: Not a path}. */
  String summary() {
    StringBuilder s =
        new StringBuilder()
            .append(errors.size())
            .append(errors.size() == 1 ? " config error: " : " config errors: ");
    String sep = "";
    for (Map.Entry<String, List<String>> e : errors.entrySet()) {
      s.append(sep).append(e.getKey()).append(": ").append(String.join("; ", e.getValue()));
      sep = ", ";
    }
    return s.toString();
  }

  /**
   * What Connect's validate call answered when it could not validate at all: an unknown plugin
   * (naming {@code connector.class}) or Connect's own failure; null when it did validate.
   */
  static <T> Outcome.Refused<T> refusal(ConnectRest.Answer reply, String className) {
    if (reply.status() == 400
        || reply.status() == 404
        || reply.message().contains("Failed to find any class")) {
      return Outcome.refused(
          Outcome.Kind.INVALID,
          "UNKNOWN_PLUGIN",
          reply.message() + " (GET /connect/connector-plugins lists the installed ones)",
          Map.of("field", "connector.class", "value", className));
    }
    return reply.ok() ? null : ConnectorService.fromConnect(reply);
  }
}
