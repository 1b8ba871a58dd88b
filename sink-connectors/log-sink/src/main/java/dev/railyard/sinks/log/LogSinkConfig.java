package dev.railyard.sinks.log;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The log sink's settings: where files go, what each line holds, when a file is rolled and how long
 * rolled files are kept. Every key is typed, validated and documented here, so Connect's validate
 * endpoint reports a bad value against its key. Immutable.
 */
public class LogSinkConfig extends AbstractConfig {

  public static final String DIRECTORY_CONFIG = "log.directory";
  public static final String DIRECTORY_DOC =
      "The absolute path of the directory the files are written under, on the worker's file "
          + "system, for example /var/log/railyard/orders. It is created when missing. One "
          + "connector per directory: the sink keeps its commit state in a hidden .log-sink "
          + "folder there.";

  public static final String PATH_CONFIG = "log.path";
  public static final String PATH_DEFAULT = "{bus}/{yyyy}/{MM}/{dd}";
  public static final String PATH_DOC =
      "The folder of each record under log.directory, a relative path that may hold "
          + PathTemplate.PLACEHOLDERS_TEXT
          + ". {bus} is the bus of a railyard.bus.<bus> topic, else the topic; {rule} the "
          + "railyard.rule header of a rule's delivery, else the topic; the dates come from "
          + "log.path.time. Literal parts may hold letters, digits, '.', '_', '-' and '='; "
          + "empty for files right in log.directory.";

  public static final String PATH_TIME_CONFIG = "log.path.time";
  public static final String PATH_TIME_DEFAULT = "event";
  public static final String PATH_TIME_DOC =
      "Where the dates of log.path come from: event (the CloudEvent's time attribute, else the "
          + "record's timestamp) or record (the Kafka record's timestamp). Either way a record "
          + "without one goes by the worker's clock.";

  public static final String TIMEZONE_CONFIG = "log.path.timezone";
  public static final String TIMEZONE_DEFAULT = "UTC";
  public static final String TIMEZONE_DOC =
      "The time zone the dates of log.path are given in, a zone id such as UTC or Europe/Paris.";

  public static final String FORMAT_CONFIG = "log.format";
  public static final String FORMAT_DEFAULT = "cloudevent";
  public static final String FORMAT_DOC =
      "What each line holds: cloudevent (the whole event as JSON, a binary-mode record turned "
          + "into the structured form it stands for), data (the event's data only) or template "
          + "(log.template filled in). A record that is not a CloudEvent is written as its JSON "
          + "value, or as a JSON string when the value is not JSON.";

  public static final String TEMPLATE_CONFIG = "log.template";
  public static final String TEMPLATE_DEFAULT = "";
  public static final String TEMPLATE_DOC =
      "The line of log.format=template: JSON with ${path} placeholders, each replaced by the JSON "
          + "of that path of the event (dot-separated names or array indexes, such as ${id}, "
          + "${time} or ${data.pod.name}; null where the event has none), for example "
          + "{\"at\": ${time}, \"pod\": ${data.pod}}. With every placeholder as null it must be "
          + "one JSON value on one line.";

  public static final String ROLL_BYTES_CONFIG = "log.roll.bytes";
  public static final long ROLL_BYTES_DEFAULT = 128L * 1024 * 1024;
  public static final String ROLL_BYTES_DOC =
      "The size, in bytes before compression, at which a file is closed and a new one begun "
          + "(at least 1). The full file is rolled at the next offset commit.";

  public static final String ROLL_INTERVAL_CONFIG = "log.roll.interval.ms";
  public static final long ROLL_INTERVAL_DEFAULT = 3_600_000L;
  public static final String ROLL_INTERVAL_DOC =
      "How long a file stays open at most, in milliseconds from its first line (at least 1000). "
          + "It is rolled at the first offset commit after that.";

  public static final String COMPRESSION_CONFIG = "log.compression";
  public static final String COMPRESSION_DEFAULT = "gzip";
  public static final String COMPRESSION_DOC =
      "How a rolled file is compressed: gzip (.jsonl.gz, read with zcat), zstd (.jsonl.zst, read "
          + "with zstdcat) or none (.jsonl).";

  public static final String RETENTION_FILES_CONFIG = "log.retention.files";
  public static final int RETENTION_FILES_DEFAULT = 0;
  public static final String RETENTION_FILES_DOC =
      "The most rolled files kept per topic partition; the oldest go first. 0 (the default) "
          + "keeps any number.";

  public static final String RETENTION_BYTES_CONFIG = "log.retention.bytes";
  public static final long RETENTION_BYTES_DEFAULT = 0;
  public static final String RETENTION_BYTES_DOC =
      "The most bytes of rolled files (as stored) kept per topic partition; the oldest go first. "
          + "0 (the default) for no limit.";

  public static final String RETENTION_MS_CONFIG = "log.retention.ms";
  public static final long RETENTION_MS_DEFAULT = 0;
  public static final String RETENTION_MS_DOC =
      "How long a rolled file is kept after its roll, in milliseconds. 0 (the default) keeps "
          + "files for ever. The open files are never deleted.";

  public static final String DEDUPE_CONFIG = "log.dedupe.window";
  public static final int DEDUPE_DEFAULT = 10_000;
  public static final String DEDUPE_DOC =
      "How many of the latest events of each topic partition the sink remembers by their "
          + "CloudEvents source and id, 0 to 1000000: an event seen among them again at a later "
          + "offset (a router or producer repeating it after a crash) is not written twice. "
          + "It must cover the events of two offset commits upstream; 0 turns it off.";

  public static final ConfigDef CONFIG_DEF =
      new ConfigDef()
          .define(
              DIRECTORY_CONFIG,
              Type.STRING,
              ConfigDef.NO_DEFAULT_VALUE,
              LogValidators.ABSOLUTE_PATH,
              Importance.HIGH,
              DIRECTORY_DOC)
          .define(
              PATH_CONFIG,
              Type.STRING,
              PATH_DEFAULT,
              LogValidators.PATH_TEMPLATE,
              Importance.HIGH,
              PATH_DOC)
          .define(
              PATH_TIME_CONFIG,
              Type.STRING,
              PATH_TIME_DEFAULT,
              ConfigDef.ValidString.in("event", "record"),
              Importance.LOW,
              PATH_TIME_DOC)
          .define(
              TIMEZONE_CONFIG,
              Type.STRING,
              TIMEZONE_DEFAULT,
              LogValidators.ZONE,
              Importance.LOW,
              TIMEZONE_DOC)
          .define(
              FORMAT_CONFIG,
              Type.STRING,
              FORMAT_DEFAULT,
              ConfigDef.ValidString.in("cloudevent", "data", "template"),
              Importance.HIGH,
              FORMAT_DOC)
          .define(
              TEMPLATE_CONFIG,
              Type.STRING,
              TEMPLATE_DEFAULT,
              LogValidators.LINE_TEMPLATE,
              Importance.MEDIUM,
              TEMPLATE_DOC)
          .define(
              ROLL_BYTES_CONFIG,
              Type.LONG,
              ROLL_BYTES_DEFAULT,
              ConfigDef.Range.atLeast(1),
              Importance.MEDIUM,
              ROLL_BYTES_DOC)
          .define(
              ROLL_INTERVAL_CONFIG,
              Type.LONG,
              ROLL_INTERVAL_DEFAULT,
              ConfigDef.Range.atLeast(1000),
              Importance.MEDIUM,
              ROLL_INTERVAL_DOC)
          .define(
              COMPRESSION_CONFIG,
              Type.STRING,
              COMPRESSION_DEFAULT,
              ConfigDef.ValidString.in("gzip", "zstd", "none"),
              Importance.MEDIUM,
              COMPRESSION_DOC)
          .define(
              RETENTION_FILES_CONFIG,
              Type.INT,
              RETENTION_FILES_DEFAULT,
              ConfigDef.Range.atLeast(0),
              Importance.MEDIUM,
              RETENTION_FILES_DOC)
          .define(
              RETENTION_BYTES_CONFIG,
              Type.LONG,
              RETENTION_BYTES_DEFAULT,
              ConfigDef.Range.atLeast(0),
              Importance.MEDIUM,
              RETENTION_BYTES_DOC)
          .define(
              RETENTION_MS_CONFIG,
              Type.LONG,
              RETENTION_MS_DEFAULT,
              ConfigDef.Range.atLeast(0),
              Importance.MEDIUM,
              RETENTION_MS_DOC)
          .define(
              DEDUPE_CONFIG,
              Type.INT,
              DEDUPE_DEFAULT,
              ConfigDef.Range.between(0, 1_000_000),
              Importance.MEDIUM,
              DEDUPE_DOC);

  /**
   * @throws ConfigException naming the key, the value and what would be valid
   */
  public LogSinkConfig(Map<?, ?> props) {
    super(CONFIG_DEF, props);
    if (getString(FORMAT_CONFIG).equals("template") && getString(TEMPLATE_CONFIG).isBlank()) {
      throw new ConfigException(
          TEMPLATE_CONFIG,
          getString(TEMPLATE_CONFIG),
          "must be a JSON line with ${path} placeholders, such as {\"id\": ${id}}, with "
              + FORMAT_CONFIG
              + "=template");
    }
  }

  public Path directory() {
    return Path.of(getString(DIRECTORY_CONFIG).strip());
  }

  PathTemplate pathTemplate() {
    return PathTemplate.parse(
        getString(PATH_CONFIG).strip(),
        ZoneId.of(getString(TIMEZONE_CONFIG).strip()),
        getString(PATH_TIME_CONFIG).equals("event"));
  }

  LineFormat format() {
    return switch (getString(FORMAT_CONFIG)) {
      case "data" -> LineFormat.data();
      case "template" -> LineFormat.template(LineTemplate.parse(getString(TEMPLATE_CONFIG)));
      default -> LineFormat.cloudEvent();
    };
  }

  Compression compression() {
    return Compression.valueOf(getString(COMPRESSION_CONFIG).toUpperCase(java.util.Locale.ROOT));
  }

  long rollBytes() {
    return getLong(ROLL_BYTES_CONFIG);
  }

  Duration rollInterval() {
    return Duration.ofMillis(getLong(ROLL_INTERVAL_CONFIG));
  }

  int dedupeWindow() {
    return getInt(DEDUPE_CONFIG);
  }

  Retention retention() {
    return new Retention(
        getInt(RETENTION_FILES_CONFIG),
        getLong(RETENTION_BYTES_CONFIG),
        Duration.ofMillis(getLong(RETENTION_MS_CONFIG)));
  }
}
