package dev.railyard.host.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * How the connectors of rule targets run: scale to zero of idle targets. Part of Railyard's
 * configuration ({@link RailyardConfig}). Stateless.
 */
public final class TargetsConfig {

  public static final String SLEEP_AFTER_CONFIG = "rules.targets.sleep.after.seconds";
  public static final String SLEEP_AFTER_DOC =
      "How long a rule target stays running with nothing routed to it and nothing left to"
          + " deliver before it sleeps: its sink connector is removed (no task, thread or Kafka"
          + " client on any worker) while its delivery topic and its group's offsets stay. A new"
          + " target starts asleep. A sleeping target wakes when the target figures (read every"
          + " 5 s) show records it has not delivered; its first event then waits for that reading"
          + " and for its task to start (docs/delivery.md gives the measured wake-up time). 0 keeps"
          + " every target running.";
  public static final int SLEEP_AFTER_DEFAULT = 300;

  private TargetsConfig() {}

  /** Adds these settings to {@code def}. */
  static ConfigDef defineAll(ConfigDef def) {
    return def.define(
        SLEEP_AFTER_CONFIG,
        Type.INT,
        SLEEP_AFTER_DEFAULT,
        Range.between(0, 7 * 86_400),
        Importance.MEDIUM,
        SLEEP_AFTER_DOC);
  }
}
