package dev.railyard.host.connectors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the body of {@code PUT /api/v1/connectors/{name}}: a flat Connect config, or {@code
 * {"config": {...}, "initial_state": ...}}. Values must be strings, numbers or booleans; they are
 * handed to Connect as strings.
 */
final class ConnectorConfigs {

  static final Set<String> INITIAL_STATES = Set.of("RUNNING", "PAUSED", "STOPPED");

  private ConnectorConfigs() {}

  /** A parsed request, or the reason it is invalid (then everything else is null). */
  record Request(Map<String, String> config, String initialState, String problem) {

    static Request invalid(String problem) {
      return new Request(null, null, problem);
    }
  }

  @SuppressWarnings("unchecked")
  static Request parse(String name, Map<String, Object> body) {
    Object nested = body.get("config");
    boolean wrapped = nested instanceof Map;
    Map<String, Object> raw = wrapped ? (Map<String, Object>) nested : body;
    String initialState = null;
    if (wrapped) {
      for (String key : body.keySet()) {
        if (!key.equals("config") && !key.equals("initial_state")) {
          return Request.invalid(
              "unknown field '"
                  + key
                  + "': the body is a flat Connect config "
                  + "or {\"config\": {...}, \"initial_state\": \"RUNNING|PAUSED|STOPPED\"}");
        }
      }
      Object state = body.get("initial_state");
      if (state != null && !(state instanceof String s && INITIAL_STATES.contains(s))) {
        return Request.invalid(
            "'initial_state' must be one of RUNNING, PAUSED or STOPPED, not " + state);
      }
      initialState = (String) state;
    }
    Map<String, String> config = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : raw.entrySet()) {
      Object value = e.getValue();
      if (value instanceof Map || value instanceof List) {
        return Request.invalid(
            "config key '"
                + e.getKey()
                + "' has an object or array value; "
                + "Connect configs hold strings, numbers or booleans");
      }
      if (value != null) {
        config.put(e.getKey(), String.valueOf(value));
      }
    }
    String problem = check(name, config);
    return problem != null ? Request.invalid(problem) : new Request(config, initialState, null);
  }

  private static String check(String name, Map<String, String> config) {
    if (name.isBlank() || name.length() > 249 || name.chars().anyMatch(Character::isISOControl)) {
      return "the connector name must be 1 to 249 printable characters";
    }
    String className = config.get("connector.class");
    if (className == null || className.isBlank()) {
      return "'connector.class' is required: the connector's class or alias, e.g. "
          + "FileStreamSink (GET /connect/connector-plugins lists them)";
    }
    String named = config.get("name");
    if (named != null && !named.equals(name)) {
      return "'name' in the config is '" + named + "' but the URL names '" + name + "'";
    }
    config.put("name", name);
    return null;
  }
}
