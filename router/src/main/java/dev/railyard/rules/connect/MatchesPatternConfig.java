package dev.railyard.rules.connect;

import dev.railyard.rules.pattern.Pattern;
import dev.railyard.rules.pattern.Problem;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** The settings of a {@link MatchesPattern} predicate. */
public final class MatchesPatternConfig extends AbstractConfig {

  /** The part of a record a pattern is matched against. */
  public enum Part {
    /** The record value. */
    VALUE,
    /** The record key. */
    KEY,
    /** The record headers, seen as one JSON object of header name to value. */
    HEADERS
  }

  public static final String PATTERN_CONFIG = "pattern";
  public static final String PATTERN_DOC =
      "The EventBridge event pattern records have to match, as JSON, "
          + "e.g. {\"type\": [\"order.paid\"], \"data\": {\"amount\": [{\"numeric\": [\">\", 100]}]}}. "
          + "Railyard's regex operator and CloudEvents filter arrays are accepted too.";

  public static final String FIELD_CONFIG = "field";
  public static final String FIELD_DOC =
      "The part of the record the pattern is matched against: 'value', "
          + "'key', or 'headers' (an object of header name to header value; a name that occurs more than once "
          + "holds the array of its values). The part has to be a Struct, a Map, JSON text or UTF-8 JSON bytes; "
          + "anything else, including null and text that is not JSON, does not match.";
  public static final String FIELD_DEFAULT = "value";

  public static final ConfigDef CONFIG_DEF =
      new ConfigDef()
          .define(
              PATTERN_CONFIG,
              Type.STRING,
              ConfigDef.NO_DEFAULT_VALUE,
              new PatternValidator(),
              Importance.HIGH,
              PATTERN_DOC)
          .define(
              FIELD_CONFIG,
              Type.STRING,
              FIELD_DEFAULT,
              ConfigDef.CaseInsensitiveValidString.in("value", "key", "headers"),
              Importance.MEDIUM,
              FIELD_DOC);

  public MatchesPatternConfig(Map<String, ?> props) {
    super(CONFIG_DEF, props);
  }

  /** The compiled pattern; the validator has already rejected invalid ones. */
  public Pattern pattern() {
    return Pattern.compile(getString(PATTERN_CONFIG));
  }

  public Part part() {
    return Part.valueOf(getString(FIELD_CONFIG).toUpperCase(Locale.ROOT));
  }

  /**
   * Rejects a pattern with every problem {@link Pattern#check(String)} finds, each as {@code
   * line:column path: reason (hint)} on its own line, so that Connect's validate endpoint shows
   * them on the {@code pattern} key.
   */
  static final class PatternValidator implements ConfigDef.Validator {

    @Override
    public void ensureValid(String name, Object value) {
      if (value == null) {
        throw new ConfigException(
            name, null, "an EventBridge pattern is required, e.g. {\"source\": [\"orders\"]}");
      }
      List<Problem> problems = Pattern.check((String) value);
      if (problems.size() == 1) {
        throw new ConfigException(name, value, problems.get(0).toString());
      }
      if (!problems.isEmpty()) {
        // hints contain semicolons, so one problem a line keeps them apart
        throw new ConfigException(
            name,
            value,
            problems.size()
                + " problems:\n"
                + problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
      }
    }

    @Override
    public String toString() {
      return "an EventBridge event pattern (JSON)";
    }
  }
}
