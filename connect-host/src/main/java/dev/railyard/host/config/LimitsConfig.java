package dev.railyard.host.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Bounds on what callers may make Railyard hold: PutEvents calls, buses, rules and targets,
 * replays, plugin installs and queued rule changes. Defaults follow EventBridge's quotas where it
 * has one. Part of Railyard's configuration ({@link RailyardConfig}). Stateless.
 */
public final class LimitsConfig {

  public static final String EVENT_ENTRIES_CONFIG = "events.max.entries";
  public static final String EVENT_ENTRIES_DOC =
      "Entries one PutEvents call may hold (EventBridge: 10); more are refused with 400.";
  public static final int EVENT_ENTRIES_DEFAULT = 10;

  public static final String EVENT_BYTES_CONFIG = "events.max.request.bytes";
  public static final String EVENT_BYTES_DOC =
      "Largest PutEvents body (EventBridge: 256 KB); larger calls are refused with 413.";
  public static final int EVENT_BYTES_DEFAULT = 256 * 1024;

  public static final String BUSES_CONFIG = "bus.max";
  public static final String BUSES_DOC =
      "Buses Railyard keeps; a PutEvents entry or a rule for a new bus beyond it is refused"
          + " (EventBridge: 100 event buses per account).";
  public static final int BUSES_DEFAULT = 100;

  public static final String RULES_CONFIG = "rules.max.per.bus";
  public static final String RULES_DOC =
      "Rules one bus may hold (EventBridge: 300); an apply that would exceed it changes nothing.";
  public static final int RULES_DEFAULT = 300;

  public static final String TARGETS_CONFIG = "rules.max.targets";
  public static final String TARGETS_DOC =
      "Targets one rule may have (EventBridge: 5); a rule with more is refused.";
  public static final int TARGETS_DEFAULT = 5;

  public static final String REPLAYS_CONFIG = "replays.max.concurrent";
  public static final String REPLAYS_DOC =
      "Replays running at once; another is refused with 409 until one is done.";
  public static final int REPLAYS_DEFAULT = 4;

  public static final String UPLOADS_CONFIG = "plugins.max.concurrent.uploads";
  public static final String UPLOADS_DOC =
      "Plugin uploads and Maven installs under way at once; another is answered 503.";
  public static final int UPLOADS_DEFAULT = 2;

  public static final String RULE_QUEUE_CONFIG = "rules.max.queued.changes";
  public static final String RULE_QUEUE_DOC =
      "Rule changes (apply, delete) waiting for the one before them; another is answered 503.";
  public static final int RULE_QUEUE_DEFAULT = 16;

  public static final String DISK_RESERVE_CONFIG = "broker.disk.min.free.bytes";
  public static final String DISK_RESERVE_DOC =
      "Free space PutEvents keeps on the embedded broker's disk (the disk of data.dir/kafka): "
          + "below it every call is answered 503 until space is freed, and then events are taken "
          + "again by themselves. Kafka stops a broker whose disk is full, and the embedded broker "
          + "runs in the control plane's JVM, so the reserve is what the broker has left for the "
          + "events already taken (routed to their delivery topics), Connect's offsets and its "
          + "own metadata. 0: no check. Not used with bootstrap.servers.";
  public static final long DISK_RESERVE_DEFAULT = 256L * 1024 * 1024;

  private LimitsConfig() {}

  /** Adds these settings to {@code def}. */
  static ConfigDef defineAll(ConfigDef def) {
    return def.define(
            EVENT_ENTRIES_CONFIG,
            Type.INT,
            EVENT_ENTRIES_DEFAULT,
            Range.between(1, 10_000),
            Importance.MEDIUM,
            EVENT_ENTRIES_DOC)
        .define(
            EVENT_BYTES_CONFIG,
            Type.INT,
            EVENT_BYTES_DEFAULT,
            Range.between(1024, 64 * 1024 * 1024),
            Importance.MEDIUM,
            EVENT_BYTES_DOC)
        .define(
            BUSES_CONFIG,
            Type.INT,
            BUSES_DEFAULT,
            Range.between(1, 10_000),
            Importance.LOW,
            BUSES_DOC)
        .define(
            RULES_CONFIG,
            Type.INT,
            RULES_DEFAULT,
            Range.between(1, 100_000),
            Importance.LOW,
            RULES_DOC)
        .define(
            TARGETS_CONFIG,
            Type.INT,
            TARGETS_DEFAULT,
            Range.between(1, 100),
            Importance.LOW,
            TARGETS_DOC)
        .define(
            REPLAYS_CONFIG,
            Type.INT,
            REPLAYS_DEFAULT,
            Range.between(1, 100),
            Importance.LOW,
            REPLAYS_DOC)
        .define(
            UPLOADS_CONFIG,
            Type.INT,
            UPLOADS_DEFAULT,
            Range.between(1, 100),
            Importance.LOW,
            UPLOADS_DOC)
        .define(
            RULE_QUEUE_CONFIG,
            Type.INT,
            RULE_QUEUE_DEFAULT,
            Range.between(1, 10_000),
            Importance.LOW,
            RULE_QUEUE_DOC)
        .define(
            DISK_RESERVE_CONFIG,
            Type.LONG,
            DISK_RESERVE_DEFAULT,
            Range.atLeast(0),
            Importance.MEDIUM,
            DISK_RESERVE_DOC);
  }
}
