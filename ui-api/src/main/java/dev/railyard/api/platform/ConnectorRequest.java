package dev.railyard.api.platform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A connector config to create or replace, read from the body of {@code PUT
 * /api/v1/connectors/{name}} (or a document of a YAML import): a flat Connect config, or {@code
 * {"config": {...}, "initial_state": ...}}. Values must be strings, numbers or booleans; they are
 * handed to Connect as strings.
 *
 * @param config the config, {@code name} and {@code connector.class} set; secrets may be the mask
 *     (keep what is there)
 * @param initialState RUNNING, PAUSED or STOPPED, or null for Connect's default
 */
public record ConnectorRequest(Map<String, String> config, String initialState) {

  /** The initial states Connect knows. */
  public static final Set<String> INITIAL_STATES = Set.of("RUNNING", "PAUSED", "STOPPED");

  public ConnectorRequest {
    config =
        Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(config, "config")));
    String className = config.get("connector.class");
    if (className == null || className.isBlank()) {
      throw new IllegalArgumentException(
          "'connector.class' is required: the connector's class or alias, e.g. "
              + "FileStreamSink (GET /connect/connector-plugins lists them)");
    }
  }

  /**
   * Reads a body.
   *
   * @param name the connector's name, from the URL
   * @param body the JSON object, as maps, lists and scalars
   * @throws IllegalArgumentException naming the field that is wrong and what would be valid
   */
  public static ConnectorRequest parse(String name, Map<String, Object> body) {
    ConnectorRequest request = read(body);
    Map<String, String> config = new LinkedHashMap<>(request.config());
    check(name, config);
    return new ConnectorRequest(config, request.initialState());
  }

  /**
   * Reads a body to validate, whose {@code name} may still be missing (a form being filled in).
   *
   * @throws IllegalArgumentException naming the field that is wrong and what would be valid
   */
  public static ConnectorRequest parseDraft(Map<String, Object> body) {
    return read(body);
  }

  @SuppressWarnings("unchecked")
  private static ConnectorRequest read(Map<String, Object> body) {
    Object nested = body.get("config");
    boolean wrapped = nested instanceof Map;
    Map<String, Object> raw = wrapped ? (Map<String, Object>) nested : body;
    String initialState = null;
    if (wrapped) {
      for (String key : body.keySet()) {
        if (!key.equals("config") && !key.equals("initial_state")) {
          throw new IllegalArgumentException(
              "unknown field '"
                  + key
                  + "': the body is a flat Connect config "
                  + "or {\"config\": {...}, \"initial_state\": \"RUNNING|PAUSED|STOPPED\"}");
        }
      }
      Object state = body.get("initial_state");
      if (state != null && !(state instanceof String s && INITIAL_STATES.contains(s))) {
        throw new IllegalArgumentException(
            "'initial_state' must be one of RUNNING, PAUSED or STOPPED, not " + state);
      }
      initialState = (String) state;
    }
    Map<String, String> config = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : raw.entrySet()) {
      Object value = e.getValue();
      if (value instanceof Map || value instanceof List) {
        throw new IllegalArgumentException(
            "config key '"
                + e.getKey()
                + "' has an object or array value; "
                + "Connect configs hold strings, numbers or booleans");
      }
      if (value != null) {
        config.put(e.getKey(), String.valueOf(value));
      }
    }
    return new ConnectorRequest(config, initialState);
  }

  private static void check(String name, Map<String, String> config) {
    if (name.isBlank() || name.length() > 249 || name.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "the connector name must be 1 to 249 printable characters");
    }
    String named = config.get("name");
    if (named != null && !named.equals(name)) {
      throw new IllegalArgumentException(
          "'name' in the config is '" + named + "' but the URL names '" + name + "'");
    }
    config.put("name", name);
  }
}
