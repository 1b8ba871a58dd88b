package dev.railyard.host.plugins;

import java.util.Locale;
import java.util.Objects;

/**
 * One Connect plugin class found in an installed plugin.
 *
 * @param className the fully qualified class name
 * @param type what kind of Connect plugin it is
 * @param version its version as read from its class files, without running it: a literal that its
 *     {@code version()} returns, else its jar's; {@code "undefined"} when it declares no {@code
 *     version()}, {@code "unknown"} when nothing tells. A worker reports what {@code version()}
 *     returns, which is what {@code connector.plugin.version} and friends match
 */
public record PluginClass(String className, Type type, String version) {

  /** The kinds of Connect plugins, each with the interface or class it implements. */
  public enum Type {
    SINK("org.apache.kafka.connect.sink.SinkConnector", true),
    SOURCE("org.apache.kafka.connect.source.SourceConnector", true),
    CONVERTER("org.apache.kafka.connect.storage.Converter", true),
    HEADER_CONVERTER("org.apache.kafka.connect.storage.HeaderConverter", true),
    TRANSFORMATION("org.apache.kafka.connect.transforms.Transformation", true),
    PREDICATE("org.apache.kafka.connect.transforms.predicates.Predicate", true),
    CONFIG_PROVIDER("org.apache.kafka.common.config.provider.ConfigProvider", false),
    REST_EXTENSION("org.apache.kafka.connect.rest.ConnectRestExtension", false),
    CLIENT_CONFIG_OVERRIDE_POLICY(
        "org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy", false);

    private final String serviceName;
    private final boolean hostable;

    Type(String serviceName, boolean hostable) {
      this.serviceName = serviceName;
      this.hostable = hostable;
    }

    /** The interface or class name, which is also the name of its ServiceLoader manifest. */
    public String serviceName() {
      return serviceName;
    }

    /**
     * Whether a plugin holding only classes of this type is worth installing: connectors,
     * converters, transformations and predicates are; worker-level extensions are not.
     */
    public boolean hostable() {
      return hostable;
    }

    /** The lower-case name used in JSON, e.g. {@code header_converter}. */
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The type of a {@link #jsonName()}. */
    public static Type fromJsonName(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT));
    }
  }

  /** Checks that no component is null. */
  public PluginClass {
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(version, "version");
  }
}
