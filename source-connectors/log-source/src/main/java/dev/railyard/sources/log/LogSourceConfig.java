package dev.railyard.sources.log;

import dev.railyard.connectors.support.Destination;
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
 * The log source's settings: which files, how lines become events, where they go ({@link
 * Destination}). Every key is typed, validated and documented here, so Connect's validate endpoint
 * reports a bad value against its key; {@link #problemsTogether} adds what needs two keys.
 * Immutable.
 */
public class LogSourceConfig extends AbstractConfig {

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

  /** Which task of the connector this is; set by the connector, for the task's metrics name. */
  static final String TASK_INDEX_CONFIG = "log.task.index";

  /** How many tasks the connector made; set by the connector, with {@link #TASK_INDEX_CONFIG}. */
  static final String TASK_COUNT_CONFIG = "log.task.count";

  /** The files the connector dealt out among its tasks ({@link FileShares}); set by it. */
  static final String TASK_FILES_CONFIG = "log.task.files";

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
    Destination.define(def);
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
    EventKeys.define(def);
    def.defineInternal(
        TASK_INDEX_CONFIG,
        Type.INT,
        0,
        Range.atLeast(0),
        Importance.LOW,
        "Which task of the connector this is, set by the connector: names the task's MBean and "
            + "says which files it reads.");
    def.defineInternal(
        TASK_COUNT_CONFIG,
        Type.INT,
        1,
        Range.atLeast(1),
        Importance.LOW,
        "How many tasks the connector made, set by the connector: the files are shared among them.");
    def.defineInternal(
        TASK_FILES_CONFIG,
        Type.STRING,
        "",
        null,
        Importance.LOW,
        "The files the patterns matched when the connector made its tasks, one per line, set by "
            + "the connector: dealt out among the tasks in turn; other files go by their path's "
            + "hash.");
    return def;
  }

  /**
   * What no single key's validator can see, as the reason per key: keys that need or exclude one
   * another. Empty when they go together.
   */
  static Map<String, String> problemsTogether(Map<String, String> props) {
    Map<String, String> problems = new LinkedHashMap<>();
    EventKeys.problems(props, problems);
    String destination = Destination.problem(props);
    if (destination != null) {
      problems.put(Destination.BUS_CONFIG, destination);
      problems.put(Destination.TOPIC_CONFIG, destination);
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
    return Destination.topic(this);
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
    return EventKeys.multiline(this);
  }

  LineFormat format() {
    return EventKeys.format(this);
  }

  String eventType() {
    return getString(EventKeys.EVENT_TYPE_CONFIG);
  }

  int taskIndex() {
    return getInt(TASK_INDEX_CONFIG);
  }

  /** Which of the files its patterns match this task reads. */
  FileShares shares() {
    int count = getInt(TASK_COUNT_CONFIG);
    int index = taskIndex();
    if (index >= count) {
      throw new ConfigException(
          TASK_INDEX_CONFIG, index, "must be below " + TASK_COUNT_CONFIG + " (" + count + ")");
    }
    return FileShares.of(index, count, getString(TASK_FILES_CONFIG));
  }
}
