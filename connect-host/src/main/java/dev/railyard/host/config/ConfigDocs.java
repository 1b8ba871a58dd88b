package dev.railyard.host.config;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;

/** Renders a ConfigDef as the Markdown reference in {@code docs/configuration.md}. */
public final class ConfigDocs {

  private ConfigDocs() {}

  public static String markdown(String title, String intro, ConfigDef def) {
    StringBuilder md =
        new StringBuilder("# ")
            .append(title)
            .append("\n\n")
            .append(intro)
            .append("\n\n")
            .append("| key | type | default | valid values | description |\n")
            .append("|---|---|---|---|---|\n");
    List<ConfigDef.ConfigKey> keys =
        def.configKeys().values().stream()
            .sorted((a, b) -> a.name.compareTo(b.name))
            .collect(Collectors.toList());
    for (ConfigDef.ConfigKey key : keys) {
      md.append("| `")
          .append(key.name)
          .append("` | ")
          .append(key.type.name().toLowerCase())
          .append(" | ")
          .append(defaultOf(key))
          .append(" | ")
          .append(key.validator == null ? "" : escape(key.validator.toString()))
          .append(" | ")
          .append(escape(key.documentation))
          .append(" |\n");
    }
    return md.toString();
  }

  private static String defaultOf(ConfigDef.ConfigKey key) {
    if (!key.hasDefault()) {
      return "(required)";
    }
    Object value = key.defaultValue;
    if (value == null) {
      return "(not set)";
    }
    if (value instanceof List<?> list) {
      value = list.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
    String text = String.valueOf(value);
    return text.isEmpty() ? "\"\"" : "`" + text + "`";
  }

  private static String escape(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
