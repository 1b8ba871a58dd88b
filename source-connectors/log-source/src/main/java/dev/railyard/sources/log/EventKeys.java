package dev.railyard.sources.log;

import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;

/**
 * The keys that say how lines become events (multi-line rules, the line format, the event's type
 * and time), their definitions and what they make; the rest of the log source's keys, which say
 * which files are read and how, are {@link LogSourceConfig}'s. Stateless.
 */
final class EventKeys {

  public static final String MULTILINE_START_CONFIG = "log.multiline.start.pattern";
  public static final String MULTILINE_START_DOC =
      "A Java regular expression found at the start of each line that begins an event; other "
          + "lines belong to the event before them, as the lines of a stack trace do. Example: "
          + "^\\d{4}-\\d{2}-\\d{2}. Empty: see log.multiline.continue.pattern.";

  public static final String MULTILINE_CONTINUE_CONFIG = "log.multiline.continue.pattern";
  public static final String MULTILINE_CONTINUE_DOC =
      "A Java regular expression found in each line that continues the event before it, for "
          + "example ^(\\s+at |\\s+\\.\\.\\. \\d+ more|Caused by: ) for Java stack traces. Empty "
          + "(with log.multiline.start.pattern empty too): every line is an event. At most one "
          + "of the two patterns may be set.";

  public static final String MULTILINE_MAX_LINES_CONFIG = "log.multiline.max.lines";
  public static final int MULTILINE_MAX_LINES_DEFAULT = 500;
  public static final String MULTILINE_MAX_LINES_DOC =
      "The most lines in one multi-line event; the next line starts another event.";

  public static final String MULTILINE_TIMEOUT_MS_CONFIG = "log.multiline.timeout.ms";
  public static final long MULTILINE_TIMEOUT_MS_DEFAULT = 1_000;
  public static final String MULTILINE_TIMEOUT_MS_DOC =
      "How long a multi-line event waits for another line before it is sent, in milliseconds.";

  public static final String FORMAT_CONFIG = "log.format";
  public static final String FORMAT_DEFAULT = "raw";
  public static final String FORMAT_DOC =
      "How a line becomes the event's data: 'raw' (the text), 'json' (the line parsed as JSON), "
          + "'logfmt' (key=value pairs as an object of strings) or 'regex' (the named groups of "
          + "log.format.regex as an object of strings). A line that does not parse is sent as "
          + "text with the extension parseerror=true.";

  public static final String FORMAT_REGEX_CONFIG = "log.format.regex";
  public static final String FORMAT_REGEX_DOC =
      "For log.format=regex: a Java regular expression with named groups matched against the "
          + "whole line, for example (?<level>[A-Z]+) (?<message>.*).";

  public static final String EVENT_TYPE_CONFIG = "log.event.type";
  public static final String EVENT_TYPE_DEFAULT = "dev.railyard.log.line";
  public static final String EVENT_TYPE_DOC =
      "The CloudEvents type of every event. Each event's source is the file's URI "
          + "(file:///var/log/app.log), its subject the file's name.";

  public static final String TIME_FIELD_CONFIG = "log.time.field";
  public static final String TIME_FIELD_DOC =
      "The field of the parsed data (json, logfmt, regex) whose value is the event's time; "
          + "empty, or a value that does not parse: the time the line was read.";

  public static final String TIME_FORMAT_CONFIG = "log.time.format";
  public static final String TIME_FORMAT_DEFAULT = "iso";
  public static final String TIME_FORMAT_DOC =
      "How log.time.field is read: 'iso' (RFC 3339 / ISO-8601 with an offset), 'epoch_millis', "
          + "'epoch_seconds', or a java.time.format.DateTimeFormatter pattern with a zone or "
          + "offset, for example 'dd/MMM/yyyy:HH:mm:ss Z'.";

  private EventKeys() {}

  /** Defines the keys in {@code def}; returns it. */
  static ConfigDef define(ConfigDef def) {
    def.define(
        MULTILINE_START_CONFIG,
        Type.STRING,
        "",
        LogValidators.regex(true),
        Importance.MEDIUM,
        MULTILINE_START_DOC);
    def.define(
        MULTILINE_CONTINUE_CONFIG,
        Type.STRING,
        "",
        LogValidators.regex(true),
        Importance.MEDIUM,
        MULTILINE_CONTINUE_DOC);
    def.define(
        MULTILINE_MAX_LINES_CONFIG,
        Type.INT,
        MULTILINE_MAX_LINES_DEFAULT,
        Range.between(1, 100_000),
        Importance.LOW,
        MULTILINE_MAX_LINES_DOC);
    def.define(
        MULTILINE_TIMEOUT_MS_CONFIG,
        Type.LONG,
        MULTILINE_TIMEOUT_MS_DEFAULT,
        Range.between(1, 3_600_000),
        Importance.LOW,
        MULTILINE_TIMEOUT_MS_DOC);
    def.define(
        FORMAT_CONFIG,
        Type.STRING,
        FORMAT_DEFAULT,
        ValidString.in("raw", "json", "logfmt", "regex"),
        Importance.HIGH,
        FORMAT_DOC);
    def.define(
        FORMAT_REGEX_CONFIG,
        Type.STRING,
        "",
        LogValidators.regex(true),
        Importance.MEDIUM,
        FORMAT_REGEX_DOC);
    def.define(
        EVENT_TYPE_CONFIG,
        Type.STRING,
        EVENT_TYPE_DEFAULT,
        new ConfigDef.NonEmptyStringWithoutControlChars(),
        Importance.HIGH,
        EVENT_TYPE_DOC);
    def.define(
        TIME_FIELD_CONFIG,
        Type.STRING,
        "",
        new ConfigDef.NonNullValidator(),
        Importance.MEDIUM,
        TIME_FIELD_DOC);
    def.define(
        TIME_FORMAT_CONFIG,
        Type.STRING,
        TIME_FORMAT_DEFAULT,
        LogValidators.timeFormat(),
        Importance.LOW,
        TIME_FORMAT_DOC);
    return def;
  }

  /** Adds to {@code problems} what these keys' values say about one another, by key. */
  static void problems(Map<String, String> props, Map<String, String> problems) {
    String format = props.getOrDefault(FORMAT_CONFIG, FORMAT_DEFAULT);
    String regex = props.getOrDefault(FORMAT_REGEX_CONFIG, "");
    if ("regex".equals(format)) {
      if (regex.isBlank()) {
        problems.put(
            FORMAT_REGEX_CONFIG,
            "log.format=regex needs a regular expression with named groups here, such as"
                + " (?<level>[A-Z]+) (?<message>.*)");
      } else if (!Pattern.compile("\\(\\?<[a-zA-Z][a-zA-Z0-9]*>").matcher(regex).find()) {
        problems.put(
            FORMAT_REGEX_CONFIG,
            "has no named group: name each part the event's data should hold, as (?<level>...)");
      }
    } else if (!regex.isBlank()) {
      problems.put(FORMAT_REGEX_CONFIG, "is used only with log.format=regex; leave it empty");
    }
    if (!props.getOrDefault(MULTILINE_START_CONFIG, "").isEmpty()
        && !props.getOrDefault(MULTILINE_CONTINUE_CONFIG, "").isEmpty()) {
      problems.put(
          MULTILINE_CONTINUE_CONFIG,
          "set log.multiline.start.pattern or log.multiline.continue.pattern, not both");
    }
    if ("raw".equals(format) && !props.getOrDefault(TIME_FIELD_CONFIG, "").isEmpty()) {
      problems.put(
          TIME_FIELD_CONFIG,
          "needs a log.format with fields (json, logfmt or regex); with raw leave it empty");
    }
  }

  /** The multi-line rule, or null when every line is an event. */
  static Multiline.Rule multiline(AbstractConfig c) {
    String start = c.getString(MULTILINE_START_CONFIG);
    String cont = c.getString(MULTILINE_CONTINUE_CONFIG);
    if (start.isEmpty() && cont.isEmpty()) {
      return null;
    }
    return new Multiline.Rule(
        start.isEmpty() ? null : Pattern.compile(start),
        cont.isEmpty() ? null : Pattern.compile(cont),
        c.getInt(MULTILINE_MAX_LINES_CONFIG),
        c.getLong(MULTILINE_TIMEOUT_MS_CONFIG));
  }

  static LineFormat format(AbstractConfig c) {
    return LineFormat.of(
        c.getString(FORMAT_CONFIG),
        c.getString(FORMAT_REGEX_CONFIG),
        c.getString(TIME_FIELD_CONFIG),
        c.getString(TIME_FORMAT_CONFIG));
  }
}
