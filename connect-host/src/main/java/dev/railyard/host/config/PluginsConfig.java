package dev.railyard.host.config;

import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Where plugins given as Maven coordinates come from, and which groups may be installed. Part of
 * Railyard's configuration ({@link RailyardConfig}). Stateless.
 */
public final class PluginsConfig {

  public static final String MAVEN_REPOSITORIES_CONFIG = "plugins.maven.repositories";
  public static final String MAVEN_REPOSITORIES_DOC =
      "Repositories that plugins given as Maven "
          + "coordinates are resolved from, each a URL or id=URL; empty means Maven Central. Mirrors "
          + "in ~/.m2/settings.xml apply.";

  public static final String MAVEN_ALLOWED_GROUPS_CONFIG = "plugins.maven.allowed.groups";
  public static final String MAVEN_ALLOWED_GROUPS_DOC =
      "Maven groups whose artifacts may be installed as plugins, each allowing its sub-groups too "
          + "(io.debezium allows io.debezium.server); coordinates of another group are refused "
          + "before anything is downloaded. The plugin's dependencies may come from any group. "
          + "Empty: any group.";
  private static final Pattern MAVEN_GROUP = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

  private PluginsConfig() {}

  /** Adds these settings to {@code def}. */
  static ConfigDef defineAll(ConfigDef def) {
    return def.define(
            MAVEN_REPOSITORIES_CONFIG, Type.LIST, List.of(), Importance.LOW, MAVEN_REPOSITORIES_DOC)
        .define(
            MAVEN_ALLOWED_GROUPS_CONFIG,
            Type.LIST,
            List.of(),
            ConfigDef.LambdaValidator.with(
                (name, value) -> {
                  for (Object group : (List<?>) value) {
                    if (!MAVEN_GROUP.matcher(String.valueOf(group)).matches()) {
                      throw new ConfigException(name, value, "'" + group + "' is no Maven group");
                    }
                  }
                },
                () -> "Maven group ids, e.g. io.debezium,io.confluent"),
            Importance.MEDIUM,
            MAVEN_ALLOWED_GROUPS_DOC);
  }
}
