package dev.railyard.host.connectors;

import com.fasterxml.jackson.databind.JsonNode;
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
}
