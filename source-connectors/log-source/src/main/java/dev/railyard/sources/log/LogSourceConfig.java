package dev.railyard.sources.log;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;

/**
 * The log source's settings: which files, how lines become events, where they go. Every key is
 * typed, validated and documented here, so Connect's validate endpoint reports a bad value against
 * its key; {@link #problemsTogether} adds what needs two keys. Immutable.
 */
public class LogSourceConfig extends AbstractConfig {

  /** The topic of a bus; the one place this module spells it. */
  static final String BUS_TOPIC_PREFIX = "railyard.bus.";

  public static final String PATHS_CONFIG = "log.paths";
  public static final String PATHS_DOC =
      "The log files to read, as comma-separated absolute glob patterns, for example "
          + "/var/log/app/*.log,/srv/*/logs/access.log ('**' crosses folders). Match the live files "
          + "only: rotated copies (app.log.1, app.log.2.gz) are found through log.rotated.suffix. "
          + "The patterns are shared among the tasks; all files of one pattern go to one task.";

  public static final String EXCLUDE_CONFIG = "log.exclude";
  public static final String EXCLUDE_DOC =
      "Absolute glob patterns of files not to read although log.paths matches them, for example "
          + "/var/log/app/debug-*.log. Empty: none.";

  public static final String ROTATED_SUFFIX_CONFIG = "log.rotated.suffix";
  public static final String ROTATED_SUFFIX_DEFAULT = "[.-][0-9][0-9A-Za-z_.-]*";
  public static final String ROTATED_SUFFIX_DOC =
      "A Java regular expression matching what a rotated copy adds to the live file's name in "
          + "the same folder: the default matches logrotate's app.log.1, app.log.2.gz and "
          + "app.log-20260101(.gz). These files are read only to finish a file that was rotated "
          + "away (by rename or copytruncate); a name ending in .gz is read through gzip.";

  public static final String BUS_CONFIG = "log.bus";
  public static final String BUS_DEFAULT = "default";
  public static final String BUS_DOC =
      "The bus the events go to (its topic is railyard.bus.<bus>): 1 to 200 letters, digits, '_' "
          + "or '-', starting with a letter or digit.";

  public static final String START_AT_CONFIG = "log.start.at";
  public static final String START_AT_DEFAULT = "beginning";
  public static final String START_AT_DOC =
      "Where to start a file found when a task starts that has no offset yet: 'beginning' reads "
          + "what it holds, 'end' only what is written from then on. A file that appears later is "
          + "always read from its beginning.";

  public static final String FINGERPRINT_BYTES_CONFIG = "log.fingerprint.bytes";
  public static final int FINGERPRINT_BYTES_DEFAULT = 1024;
  public static final String FINGERPRINT_BYTES_DOC =
      "How many first bytes of a file identify it (with its inode) across renames, truncation "
          + "and restarts. A smaller file is read at once and identified by what it holds so far.";

  public static final String RESCAN_INTERVAL_MS_CONFIG = "log.rescan.interval.ms";
  public static final long RESCAN_INTERVAL_MS_DEFAULT = 5_000;
  public static final String RESCAN_INTERVAL_MS_DOC =
      "How often the patterns are matched again besides file-system events, in milliseconds: "
          + "the bound on how late a new file is found where events are missed (network file "
          + "systems, a folder that did not exist yet).";

  public static final String POLL_WAIT_MS_CONFIG = "log.poll.wait.ms";
  public static final int POLL_WAIT_MS_DEFAULT = 200;
  public static final String POLL_WAIT_MS_DOC =
      "How long a poll waits for new lines when there are none, in milliseconds; it returns "
          + "earlier when a file changes.";

  public static final String BATCH_MAX_RECORDS_CONFIG = "log.batch.max.records";
  public static final int BATCH_MAX_RECORDS_DEFAULT = 1_000;
  public static final String BATCH_MAX_RECORDS_DOC = "The most events one poll returns.";

  public static final String LINE_MAX_BYTES_CONFIG = "log.line.max.bytes";
  public static final int LINE_MAX_BYTES_DEFAULT = 262_144;
  public static final String LINE_MAX_BYTES_DOC =
      "The longest line (and multi-line event) kept, in bytes; the rest up to its end of line is "
          + "skipped and the event has the extension truncated=true. The default keeps an event "
          + "within what Kafka's producer sends by default (1 MiB) even as JSON-escaped text.";

  public static final String PARTIAL_LINE_TIMEOUT_MS_CONFIG = "log.partial.line.timeout.ms";
  public static final long PARTIAL_LINE_TIMEOUT_MS_DEFAULT = 10_000;
  public static final String PARTIAL_LINE_TIMEOUT_MS_DOC =
      "How long a last line without its end of line waits, unchanged, before it is sent as it "
          + "is, in milliseconds; 0 waits until the file is rotated away. A partial line sent "
          + "early and completed later arrives as two events.";

  public static final String ROTATION_DRAIN_MS_CONFIG = "log.rotation.drain.ms";
  public static final long ROTATION_DRAIN_MS_DEFAULT = 2_000;
  public static final String ROTATION_DRAIN_MS_DOC =
      "How long a file renamed away is still read for lines its writer adds before it reopens the "
          + "new file, in milliseconds. Reading moves to the new file at once when the new file "
          + "has lines and the old one is read to its end.";

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

  /** Which task of the connector this is; set by the connector, for the task's metrics name. */
  static final String TASK_INDEX_CONFIG = "log.task.index";

  public static final ConfigDef CONFIG_DEF = configDef();

  public LogSourceConfig(Map<String, String> props) {
    super(CONFIG_DEF, props);
    problemsTogether(props).entrySet().stream()
        .findFirst()
        .ifPresent(
            p -> {
              throw new ConfigException(p.getKey(), props.get(p.getKey()), p.getValue());
            });
  }

  private static ConfigDef configDef() {
    ConfigDef def = new ConfigDef();
    def.define(
        PATHS_CONFIG,
        Type.LIST,
        ConfigDef.NO_DEFAULT_VALUE,
        LogValidators.globs(false),
        Importance.HIGH,
        PATHS_DOC);
    def.define(
        EXCLUDE_CONFIG, Type.LIST, "", LogValidators.globs(true), Importance.MEDIUM, EXCLUDE_DOC);
    def.define(
        ROTATED_SUFFIX_CONFIG,
        Type.STRING,
        ROTATED_SUFFIX_DEFAULT,
        LogValidators.regex(false),
        Importance.LOW,
        ROTATED_SUFFIX_DOC);
    def.define(
        BUS_CONFIG, Type.STRING, BUS_DEFAULT, LogValidators.busName(), Importance.HIGH, BUS_DOC);
    def.define(
        START_AT_CONFIG,
        Type.STRING,
        START_AT_DEFAULT,
        ValidString.in("beginning", "end"),
        Importance.MEDIUM,
        START_AT_DOC);
    def.define(
        FINGERPRINT_BYTES_CONFIG,
        Type.INT,
        FINGERPRINT_BYTES_DEFAULT,
        Range.between(16, 65_536),
        Importance.LOW,
        FINGERPRINT_BYTES_DOC);
    def.define(
        RESCAN_INTERVAL_MS_CONFIG,
        Type.LONG,
        RESCAN_INTERVAL_MS_DEFAULT,
        Range.between(100, 3_600_000),
        Importance.LOW,
        RESCAN_INTERVAL_MS_DOC);
    def.define(
        POLL_WAIT_MS_CONFIG,
        Type.INT,
        POLL_WAIT_MS_DEFAULT,
        Range.between(10, 5_000),
        Importance.LOW,
        POLL_WAIT_MS_DOC);
    def.define(
        BATCH_MAX_RECORDS_CONFIG,
        Type.INT,
        BATCH_MAX_RECORDS_DEFAULT,
        Range.between(1, 100_000),
        Importance.LOW,
        BATCH_MAX_RECORDS_DOC);
    def.define(
        LINE_MAX_BYTES_CONFIG,
        Type.INT,
        LINE_MAX_BYTES_DEFAULT,
        Range.between(64, 16 << 20),
        Importance.MEDIUM,
        LINE_MAX_BYTES_DOC);
    def.define(
        PARTIAL_LINE_TIMEOUT_MS_CONFIG,
        Type.LONG,
        PARTIAL_LINE_TIMEOUT_MS_DEFAULT,
        Range.between(0, 86_400_000),
        Importance.LOW,
        PARTIAL_LINE_TIMEOUT_MS_DOC);
    def.define(
        ROTATION_DRAIN_MS_CONFIG,
        Type.LONG,
        ROTATION_DRAIN_MS_DEFAULT,
        Range.between(0, 3_600_000),
        Importance.LOW,
        ROTATION_DRAIN_MS_DOC);
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
    def.defineInternal(
        TASK_INDEX_CONFIG,
        Type.INT,
        0,
        Range.atLeast(0),
        Importance.LOW,
        "Which task of the connector this is, set by the connector: names the task's MBean.");
    return def;
  }

  /**
   * What no single key's validator can see, as the reason per key: keys that need or exclude one
   * another. Empty when they go together.
   */
  static Map<String, String> problemsTogether(Map<String, String> props) {
    Map<String, String> problems = new LinkedHashMap<>();
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
    return problems;
  }

  List<String> paths() {
    return getList(PATHS_CONFIG);
  }

  List<String> excludes() {
    return getList(EXCLUDE_CONFIG);
  }

  Pattern rotatedSuffix() {
    return Pattern.compile(getString(ROTATED_SUFFIX_CONFIG));
  }

  String topic() {
    return BUS_TOPIC_PREFIX + getString(BUS_CONFIG);
  }

  boolean startAtEnd() {
    return "end".equals(getString(START_AT_CONFIG));
  }

  int fingerprintBytes() {
    return getInt(FINGERPRINT_BYTES_CONFIG);
  }

  long rescanIntervalMs() {
    return getLong(RESCAN_INTERVAL_MS_CONFIG);
  }

  int pollWaitMs() {
    return getInt(POLL_WAIT_MS_CONFIG);
  }

  int batchMaxRecords() {
    return getInt(BATCH_MAX_RECORDS_CONFIG);
  }

  int lineMaxBytes() {
    return getInt(LINE_MAX_BYTES_CONFIG);
  }

  long partialLineTimeoutMs() {
    return getLong(PARTIAL_LINE_TIMEOUT_MS_CONFIG);
  }

  long rotationDrainMs() {
    return getLong(ROTATION_DRAIN_MS_CONFIG);
  }

  /** The multi-line rule, or null when every line is an event. */
  Multiline.Rule multiline() {
    String start = getString(MULTILINE_START_CONFIG);
    String cont = getString(MULTILINE_CONTINUE_CONFIG);
    if (start.isEmpty() && cont.isEmpty()) {
      return null;
    }
    return new Multiline.Rule(
        start.isEmpty() ? null : Pattern.compile(start),
        cont.isEmpty() ? null : Pattern.compile(cont),
        getInt(MULTILINE_MAX_LINES_CONFIG),
        getLong(MULTILINE_TIMEOUT_MS_CONFIG));
  }

  LineFormat format() {
    return LineFormat.of(
        getString(FORMAT_CONFIG),
        getString(FORMAT_REGEX_CONFIG),
        getString(TIME_FIELD_CONFIG),
        getString(TIME_FORMAT_CONFIG));
  }

  String eventType() {
    return getString(EVENT_TYPE_CONFIG);
  }

  int taskIndex() {
    return getInt(TASK_INDEX_CONFIG);
  }
}
