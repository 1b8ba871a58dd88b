package dev.railyard.connectors.support;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;

/**
 * Where a source connector writes, the same two keys for every one of Railyard's sources: {@code
 * bus}, a Railyard bus (topic {@code railyard.bus.<bus>}, the one place the connectors spell it),
 * or {@code topic}, any Kafka topic, for writing outside a bus. Neither: the bus {@code default};
 * both: a config error naming both keys. Stateless.
 */
public final class Destination {

  /** The topic of a bus is this prefix and the bus's name. */
  public static final String BUS_TOPIC_PREFIX = "railyard.bus.";

  public static final String BUS_CONFIG = "bus";
  public static final String BUS_DEFAULT = "default";
  public static final String BUS_DOC =
      "The Railyard bus the events go to (its topic is railyard.bus.<bus>, where the bus's rules "
          + "see them): 1 to 200 letters, digits, '_' or '-', starting with a letter or digit. "
          + "Leave it out when topic is set.";

  public static final String TOPIC_CONFIG = "topic";
  public static final String TOPIC_DOC =
      "Any Kafka topic the events go to instead of a bus, for writing outside Railyard's buses: "
          + "1 to 249 letters, digits, '.', '_' or '-'. Empty (the default): the bus of bus. Not "
          + "together with bus.";

  private static final Pattern BUS_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,199}");
  private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  private Destination() {}

  /** Adds {@code bus} and {@code topic} to a connector's {@code def}; returns it. */
  public static ConfigDef define(ConfigDef def) {
    return def.define(BUS_CONFIG, Type.STRING, BUS_DEFAULT, new BusName(), Importance.HIGH, BUS_DOC)
        .define(TOPIC_CONFIG, Type.STRING, "", new TopicName(), Importance.HIGH, TOPIC_DOC);
  }

  /** The topic a config with these keys writes to. */
  public static String topic(AbstractConfig config) {
    String topic = config.getString(TOPIC_CONFIG).strip();
    return topic.isEmpty() ? BUS_TOPIC_PREFIX + config.getString(BUS_CONFIG).strip() : topic;
  }

  /** The topic of a bus. */
  public static String busTopic(String bus) {
    return BUS_TOPIC_PREFIX + bus;
  }

  /**
   * Why the two keys do not go together in {@code props} (the connector's config as given), or null
   * when they do: both set is ambiguous.
   */
  public static String problem(Map<String, String> props) {
    String bus = props.get(BUS_CONFIG);
    String topic = props.get(TOPIC_CONFIG);
    if (bus == null || bus.isBlank() || topic == null || topic.isBlank()) {
      return null;
    }
    return "set either "
        + BUS_CONFIG
        + " (a Railyard bus) or "
        + TOPIC_CONFIG
        + " (any Kafka topic), not both; "
        + BUS_CONFIG
        + " is "
        + bus.strip()
        + " and "
        + TOPIC_CONFIG
        + " is "
        + topic.strip();
  }

  /** Throws what {@link #problem} finds, on the key {@code topic}. */
  public static void check(Map<String, String> props) {
    String problem = problem(props);
    if (problem != null) {
      throw new ConfigException(TOPIC_CONFIG, props.get(TOPIC_CONFIG), problem);
    }
  }

  /**
   * Adds what {@link #problem} finds to both keys' values in {@code result} (what {@code
   * Connector.validate} found key by key), so Connect's validate endpoint shows it at each; returns
   * {@code result}. Nothing is added while either key has an error of its own.
   */
  public static Config withProblem(Config result, Map<String, String> props) {
    String problem = problem(props);
    List<ConfigValue> keys =
        result.configValues().stream()
            .filter(v -> v.name().equals(BUS_CONFIG) || v.name().equals(TOPIC_CONFIG))
            .toList();
    if (problem == null || keys.stream().anyMatch(v -> !v.errorMessages().isEmpty())) {
      return result; // a key that is bad on its own says so first
    }
    for (ConfigValue value : keys) {
      value.addErrorMessage(
          "Invalid value "
              + props.get(value.name())
              + " for configuration "
              + value.name()
              + ": "
              + problem);
    }
    return result;
  }

  private static final class BusName implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      if (value == null || !BUS_NAME.matcher(((String) value).strip()).matches()) {
        throw new ConfigException(
            name,
            value,
            "must be a bus name: 1 to 200 letters, digits, '_' or '-', starting with a letter or"
                + " digit");
      }
    }

    @Override
    public String toString() {
      return "a bus name: [A-Za-z0-9][A-Za-z0-9_-]{0,199}";
    }
  }

  private static final class TopicName implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      String topic = value == null ? "" : ((String) value).strip();
      if (topic.isEmpty()) {
        return;
      }
      if (!TOPIC_NAME.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
        throw new ConfigException(
            name,
            value,
            "must be a Kafka topic name: 1 to 249 letters, digits, '.', '_' or '-'; or empty"
                + " to write to the bus of "
                + BUS_CONFIG);
      }
    }

    @Override
    public String toString() {
      return "a Kafka topic name, or empty for the bus of " + BUS_CONFIG;
    }
  }
}
