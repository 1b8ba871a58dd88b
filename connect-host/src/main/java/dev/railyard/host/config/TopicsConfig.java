package dev.railyard.host.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * How every topic Railyard creates is replicated: its own (buses, delivery, retry and dead-letter
 * topics, rules, stats, audit) and the Connect workers' internal topics. {@value #AUTO} lets the
 * cluster decide at start: the replication factor is min(3, the brokers alive at start) and {@code
 * min.insync.replicas} is 2 when it is 3 or more, else 1 — so one broker may die without losing an
 * acknowledged write or stopping writes. Part of Railyard's configuration ({@link RailyardConfig}).
 * Stateless.
 */
public final class TopicsConfig {

  /** The value that lets the cluster decide. */
  public static final int AUTO = -1;

  public static final String REPLICATION_FACTOR_CONFIG = "topics.replication.factor";
  public static final String REPLICATION_FACTOR_DOC =
      "Replication factor of every topic Railyard creates, the workers' internal topics included. "
          + "-1: min(3, the brokers alive at start). More than the brokers alive at start is "
          + "refused at start. Topics that exist keep theirs.";
  public static final int REPLICATION_FACTOR_DEFAULT = AUTO;

  public static final String MIN_INSYNC_REPLICAS_CONFIG = "topics.min.insync.replicas";
  public static final String MIN_INSYNC_REPLICAS_DOC =
      "min.insync.replicas of every topic Railyard creates: how many replicas must hold a write "
          + "before it is acknowledged (Railyard's producers all write with acks=all). -1: 2 when "
          + "the replication factor is 3 or more, else 1. More than the replication factor is "
          + "refused at start.";
  public static final int MIN_INSYNC_REPLICAS_DEFAULT = AUTO;

  private TopicsConfig() {}

  /** Adds these settings to {@code def}. */
  static ConfigDef defineAll(ConfigDef def) {
    return def.define(
            REPLICATION_FACTOR_CONFIG,
            Type.INT,
            REPLICATION_FACTOR_DEFAULT,
            new AutoOrBetween(Short.MAX_VALUE),
            Importance.MEDIUM,
            REPLICATION_FACTOR_DOC)
        .define(
            MIN_INSYNC_REPLICAS_CONFIG,
            Type.INT,
            MIN_INSYNC_REPLICAS_DEFAULT,
            new AutoOrBetween(Short.MAX_VALUE),
            Importance.MEDIUM,
            MIN_INSYNC_REPLICAS_DOC);
  }

  /** {@value #AUTO}, or a count from 1 to {@code max}. */
  private record AutoOrBetween(int max) implements ConfigDef.Validator {

    @Override
    public void ensureValid(String name, Object value) {
      int n = value == null ? 0 : (Integer) value;
      if (n != AUTO && (n < 1 || n > max)) {
        throw new ConfigException(name, value, "must be -1 (let the cluster decide) or 1.." + max);
      }
    }

    @Override
    public String toString() {
      return "-1 (the cluster decides), or [1,...," + max + "]";
    }
  }
}
