package dev.railyard.rules.transform;

import dev.railyard.rules.model.JsonPath;

/**
 * One placeholder of a compiled template.
 *
 * @param name the placeholder's name, without brackets
 * @param source where its value comes from
 * @param path the path it reads for {@link Source#PATH}, else null
 * @param context how its value is written
 */
record Slot(String name, Source source, JsonPath path, Context context) {

  /** Where a placeholder's value comes from. */
  enum Source {
    PATH,
    RULE_NAME,
    EVENT_JSON,
    INGESTION_TIME
  }

  /** {@code <name>}, with the path when there is one, for error messages. */
  String describe() {
    return path == null ? "<" + name + ">" : "<" + name + "> (" + path + ")";
  }
}
