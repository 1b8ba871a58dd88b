package dev.railyard.host.config;

import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * The {@value #PREFIX}{@code *} settings of Railyard: the Kafka client settings of a secured
 * cluster ({@code security.protocol}, {@code ssl.*}, {@code sasl.*}) that every Kafka client
 * Railyard makes gets, without the prefix. The keys, types, defaults and docs are Kafka's own
 * client definitions, so Railyard accepts exactly what its Kafka clients do; each also gets a
 * validator. Stateless.
 */
public final class KafkaClientConfig {

  /** The prefix of the client settings in Railyard's configuration. */
  public static final String PREFIX = "kafka.";

  /** How a secret shows wherever settings are shown, as Kafka shows its own. */
  public static final String HIDDEN = Password.HIDDEN;

  /** Kafka's client definitions, unprefixed. */
  static final ConfigDef CLIENT_DEF =
      new ConfigDef()
          .define(
              CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
              Type.STRING,
              CommonClientConfigs.DEFAULT_SECURITY_PROTOCOL,
              ConfigDef.CaseInsensitiveValidString.in(
                  SecurityProtocol.names().toArray(new String[0])),
              ConfigDef.Importance.HIGH,
              CommonClientConfigs.SECURITY_PROTOCOL_DOC)
          .withClientSslSupport()
          .withClientSaslSupport();

  private KafkaClientConfig() {}

  /** Defines every client setting in {@code def} under {@value #PREFIX}; returns {@code def}. */
  static ConfigDef defineAll(ConfigDef def) {
    for (ConfigDef.ConfigKey key : CLIENT_DEF.configKeys().values()) {
      def.define(
          PREFIX + key.name,
          key.type,
          key.hasDefault() ? key.defaultValue : ConfigDef.NO_DEFAULT_VALUE,
          new GivenValue(key),
          key.importance,
          "Kafka client setting "
              + key.name
              + " of every Kafka client Railyard makes. "
              + doc(key));
    }
    return def;
  }

  /** Whether a Railyard setting is one of the client settings' keys, defined or not. */
  static boolean isClientKey(String key) {
    return key.startsWith(PREFIX);
  }

  /**
   * The client settings given in {@code originals}, without the prefix, as they were written (a
   * class name stays a name, for the workers to load).
   */
  static Map<String, String> given(Map<String, ?> originals) {
    Map<String, String> settings = new TreeMap<>();
    originals.forEach(
        (k, v) -> {
          if (isClientKey(k) && v != null) {
            settings.put(
                k.substring(PREFIX.length()),
                v instanceof Password p ? p.value() : String.valueOf(v));
          }
        });
    return settings;
  }

  /** Whether the client setting {@code key} (unprefixed) is a secret: Kafka's PASSWORD type. */
  public static boolean isSecret(String key) {
    ConfigDef.ConfigKey def = CLIENT_DEF.configKeys().get(key);
    return def == null || def.type == Type.PASSWORD;
  }

  /**
   * The settings as {@code key=value, ...} with every secret shown as {@value #HIDDEN}: the form in
   * which client settings may be logged or shown. A key Kafka does not define counts as secret.
   */
  public static String masked(Map<String, String> settings) {
    StringJoiner text = new StringJoiner(", ");
    new TreeMap<>(settings).forEach((k, v) -> text.add(k + "=" + (isSecret(k) ? HIDDEN : v)));
    return text.toString();
  }

  private static String doc(ConfigDef.ConfigKey key) {
    String doc = key.documentation == null ? "" : key.documentation.strip();
    return doc.isEmpty() ? "See Kafka's client configuration." : doc;
  }

  /**
   * Accepts what is not given (the client's own default) and, when given, a value Kafka's own
   * validator accepts; a text, password or class name must not be empty, and a number Kafka does
   * not bound must not be negative (they are timeouts, periods and counts).
   */
  private record GivenValue(ConfigDef.ConfigKey key) implements ConfigDef.Validator {

    @Override
    public void ensureValid(String name, Object value) {
      if (value == null) {
        return;
      }
      if (key.validator != null) {
        key.validator.ensureValid(name, value);
        return;
      }
      switch (key.type) {
        case STRING, PASSWORD -> {
          String text = value instanceof Password p ? p.value() : String.valueOf(value);
          if (text.isBlank()) {
            throw new ConfigException(name, value, "must not be empty when given");
          }
        }
        case INT, LONG, SHORT, DOUBLE -> {
          if (((Number) value).doubleValue() < 0) {
            throw new ConfigException(name, value, "must not be negative");
          }
        }
        default -> {}
      }
    }

    @Override
    public String toString() {
      if (key.validator != null) {
        return key.validator.toString();
      }
      return switch (key.type) {
        case STRING, PASSWORD -> "non-empty string";
        case CLASS -> "a class name";
        case INT, LONG, SHORT, DOUBLE -> "[0,...]";
        case BOOLEAN -> "true or false";
        default -> "";
      };
    }
  }
}
