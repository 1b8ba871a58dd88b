package dev.railyard.host.connectors;

import java.util.Map;
import java.util.Set;

/** The query of a connector restart: {@code includeTasks} and {@code onlyFailed}, true or false. */
record RestartOptions(String query, String problem) {

  private static final Set<String> NAMES = Set.of("includeTasks", "onlyFailed");

  /** The query string to send, or the problem with the options. */
  static RestartOptions parse(Map<String, String> options) {
    StringBuilder query = new StringBuilder();
    for (Map.Entry<String, String> e : options.entrySet()) {
      if (!NAMES.contains(e.getKey())) {
        return new RestartOptions(
            null, "unknown restart option '" + e.getKey() + "'; valid: includeTasks, onlyFailed");
      }
      if (!e.getValue().equals("true") && !e.getValue().equals("false")) {
        return new RestartOptions(
            null,
            "restart option '"
                + e.getKey()
                + "' must be true or false, not '"
                + e.getValue()
                + "'");
      }
      query
          .append(query.length() == 0 ? "?" : "&")
          .append(e.getKey())
          .append('=')
          .append(e.getValue());
    }
    return new RestartOptions(query.toString(), null);
  }
}
