package dev.railyard.host.connectors;

import java.util.Map;
import java.util.Set;

/**
 * What a connector restart asks Connect for: {@code includeTasks} and {@code onlyFailed} (true or
 * false) restart the connector and maybe its tasks; {@code task=N} alone restarts one task.
 *
 * @param query the path below the connector and its query, e.g. {@code /restart?includeTasks=true}
 *     or {@code /tasks/0/restart}; null when there is a problem
 * @param problem what is wrong with the options, naming the option; null when nothing is
 */
record RestartOptions(String query, String problem) {

  private static final Set<String> NAMES = Set.of("includeTasks", "onlyFailed");

  /** The path and query to send, or the problem with the options. */
  static RestartOptions parse(Map<String, String> options) {
    String task = options.get("task");
    if (task != null) {
      return options.size() == 1 && task.matches("\\d{1,6}")
          ? new RestartOptions("/tasks/" + task + "/restart", null)
          : new RestartOptions(
              null,
              "restart option 'task' takes a task number (0, 1, ...) and no other option, not '"
                  + task
                  + "'");
    }
    StringBuilder query = new StringBuilder("/restart");
    for (Map.Entry<String, String> e : options.entrySet()) {
      if (!NAMES.contains(e.getKey())) {
        return new RestartOptions(
            null,
            "unknown restart option '" + e.getKey() + "'; valid: includeTasks, onlyFailed, task");
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
          .append(query.length() == "/restart".length() ? "?" : "&")
          .append(e.getKey())
          .append('=')
          .append(e.getValue());
    }
    return new RestartOptions(query.toString(), null);
  }
}
