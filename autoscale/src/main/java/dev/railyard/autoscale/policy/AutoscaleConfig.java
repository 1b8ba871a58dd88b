package dev.railyard.autoscale.policy;

import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The autoscaler's settings, all starting with {@value #PREFIX}: declared, validated and documented
 * here, read from {@code railyard.properties} at start and from {@code PUT /api/v1/autoscale} at
 * run time. A value that does not validate, or a key not defined here, is refused with the key and
 * what would be valid. Per connector, {@value #CONNECTOR_ENABLED}, {@value #CONNECTOR_TASKS_MIN}
 * and {@value #CONNECTOR_TASKS_MAX} in its config opt it out or bound its tasks ({@link Bounds}).
 */
public final class AutoscaleConfig extends AbstractConfig {

  public static final String PREFIX = "autoscale.";

  public static final String ENABLED_CONFIG = "autoscale.enabled";
  public static final String ENABLED_DOC =
      "Whether the autoscaler changes worker counts and tasks. When false it still collects and "
          + "decides, and GET /api/v1/autoscale shows what it would do.";

  public static final String INTERVAL_CONFIG = "autoscale.interval.ms";
  public static final String INTERVAL_DOC =
      "How often lag, rates, tasks and workers are read and a decision is made.";
  public static final int INTERVAL_DEFAULT = 5000;

  public static final String DRAIN_TARGET_CONFIG = "autoscale.drain.target.seconds";
  public static final String DRAIN_TARGET_DOC =
      "How soon a connector's lag should drain: it gets tasks enough to clear its lag in this "
          + "time at the measured per-task rate while keeping up with arrivals.";
  public static final int DRAIN_TARGET_DEFAULT = 60;

  public static final String TASKS_PER_WORKER_CONFIG = "autoscale.tasks.per.worker";
  public static final String TASKS_PER_WORKER_DOC =
      "Busy tasks one worker is given: desired workers = ceil(tasks of the connectors with lag or "
          + "arrivals / this), but no more than there are while every connector keeps up. Idle "
          + "connectors' tasks are not counted: they need no CPU. The default follows MSK "
          + "Connect's two tasks per vCPU; for sinks whose tasks mostly wait on their target (a "
          + "slow HTTP endpoint) set it to their partitions, and the CPU rules add workers when "
          + "the CPU, not the task count, runs out.";
  public static final int TASKS_PER_WORKER_DEFAULT = 2;

  public static final String WORKERS_MIN_CONFIG = "autoscale.workers.min";
  public static final String WORKERS_MIN_DOC =
      "The reserved worker count, never scaled below. Default: the 'workers' setting.";

  public static final String WORKERS_MAX_CONFIG = "autoscale.workers.max";
  public static final String WORKERS_MAX_DOC =
      "The elastic ceiling of the worker count. Default: the 'workers.max' setting.";

  public static final String STABILIZATION_CONFIG = "autoscale.scale.down.stabilization.seconds";
  public static final String STABILIZATION_DOC =
      "How long demand must stay lower before tasks or workers are scaled down; they then go "
          + "down one step at a time. Scaling up happens at once.";
  public static final int STABILIZATION_DEFAULT = 120;

  public static final String SCHEDULE_CONFIG = "autoscale.schedule";
  public static final String SCHEDULE_DOC =
      "Windows of the week that raise the reserved worker count: " + Schedule.FORMAT + ".";

  public static final String CPU_HIGH_CONFIG = "autoscale.cpu.high";
  public static final String CPU_HIGH_DOC =
      "Average worker CPU, as a fraction of the machine's processors, above which the workers "
          + "are CPU-bound and one more worker is asked for (where CPU can be read).";
  public static final double CPU_HIGH_DEFAULT = 0.8;

  public static final String PERSISTENT_LAG_CONFIG = "autoscale.persistent.lag.seconds";
  public static final String PERSISTENT_LAG_DOC =
      "How long a partition's committed offset may stand still, with lag behind it and its "
          + "connector running, before the partition is taken as stuck (a poison record, a "
          + "blocked target) and its lag is no longer scaled on, like KEDA's excludePersistentLag.";
  public static final int PERSISTENT_LAG_DEFAULT = 120;

  public static final String LAG_THRESHOLD_CONFIG = "autoscale.lag.threshold.records";
  public static final String LAG_THRESHOLD_DOC =
      "Lag, in records, below which a connector counts as caught up; above it, a connector whose "
          + "per-task rate is not measured yet gets its tasks doubled.";
  public static final long LAG_THRESHOLD_DEFAULT = 100;

  /** Per connector: {@code false} leaves its tasks alone. */
  public static final String CONNECTOR_ENABLED = "railyard.autoscale.enabled";

  /** Per connector: the fewest tasks it is scaled to (default 1). */
  public static final String CONNECTOR_TASKS_MIN = "railyard.autoscale.tasks.min";

  /** Per connector: the most tasks it is scaled to (default: its partitions). */
  public static final String CONNECTOR_TASKS_MAX = "railyard.autoscale.tasks.max";

  public static final ConfigDef CONFIG_DEF =
      new ConfigDef()
          .define(ENABLED_CONFIG, Type.BOOLEAN, true, Importance.HIGH, ENABLED_DOC)
          .define(
              INTERVAL_CONFIG,
              Type.INT,
              INTERVAL_DEFAULT,
              Range.between(500, 600_000),
              Importance.MEDIUM,
              INTERVAL_DOC)
          .define(
              DRAIN_TARGET_CONFIG,
              Type.INT,
              DRAIN_TARGET_DEFAULT,
              Range.between(1, 86_400),
              Importance.HIGH,
              DRAIN_TARGET_DOC)
          .define(
              TASKS_PER_WORKER_CONFIG,
              Type.INT,
              TASKS_PER_WORKER_DEFAULT,
              Range.between(1, 1000),
              Importance.MEDIUM,
              TASKS_PER_WORKER_DOC)
          .define(
              WORKERS_MIN_CONFIG,
              Type.INT,
              null,
              nullOr(Range.between(0, 64)),
              Importance.HIGH,
              WORKERS_MIN_DOC)
          .define(
              WORKERS_MAX_CONFIG,
              Type.INT,
              null,
              nullOr(Range.between(1, 64)),
              Importance.HIGH,
              WORKERS_MAX_DOC)
          .define(
              STABILIZATION_CONFIG,
              Type.INT,
              STABILIZATION_DEFAULT,
              Range.between(0, 86_400),
              Importance.MEDIUM,
              STABILIZATION_DOC)
          .define(
              SCHEDULE_CONFIG,
              Type.STRING,
              "",
              new ScheduleValidator(),
              Importance.LOW,
              SCHEDULE_DOC)
          .define(
              CPU_HIGH_CONFIG,
              Type.DOUBLE,
              CPU_HIGH_DEFAULT,
              Range.between(0.05, 1.0),
              Importance.LOW,
              CPU_HIGH_DOC)
          .define(
              PERSISTENT_LAG_CONFIG,
              Type.INT,
              PERSISTENT_LAG_DEFAULT,
              Range.between(10, 86_400),
              Importance.LOW,
              PERSISTENT_LAG_DOC)
          .define(
              LAG_THRESHOLD_CONFIG,
              Type.LONG,
              LAG_THRESHOLD_DEFAULT,
              Range.atLeast(0),
              Importance.LOW,
              LAG_THRESHOLD_DOC);

  private final int defaultMin;
  private final int defaultMax;

  /**
   * Validates the {@value #PREFIX} settings.
   *
   * @param props only keys of this config; any other is refused
   * @param defaultMin the reserved count when {@value #WORKERS_MIN_CONFIG} is not set
   * @param defaultMax the ceiling when {@value #WORKERS_MAX_CONFIG} is not set
   * @throws ConfigException naming the key, its value and what would be valid
   */
  public AutoscaleConfig(Map<String, ?> props, int defaultMin, int defaultMax) {
    super(CONFIG_DEF, known(props), false);
    this.defaultMin = defaultMin;
    this.defaultMax = defaultMax;
    int min = workersMin();
    int max = workersMax();
    if (min > max) {
      throw new ConfigException(
          WORKERS_MIN_CONFIG,
          min,
          "cannot exceed "
              + WORKERS_MAX_CONFIG
              + " ("
              + max
              + "); the reserved count must fit "
              + "under the ceiling");
    }
  }

  private static Map<String, ?> known(Map<String, ?> props) {
    for (String key : new TreeSet<>(props.keySet())) {
      if (!CONFIG_DEF.names().contains(key)) {
        throw new ConfigException(
            key,
            props.get(key),
            "is not an autoscale setting; valid ones are "
                + String.join(", ", new TreeSet<>(CONFIG_DEF.names())));
      }
    }
    return props;
  }

  /** Parses the schedule, refusing it with the window and the part that does not parse. */
  private static final class ScheduleValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      try {
        Schedule.parse((String) value);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(name, value, e.getMessage());
      }
    }

    @Override
    public String toString() {
      return "windows as <days> <HH:mm>-<HH:mm> [<zone>] workers=<n>, separated by ';'";
    }
  }

  private static ConfigDef.Validator nullOr(ConfigDef.Validator validator) {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        if (value != null) {
          validator.ensureValid(name, value);
        }
      }

      @Override
      public String toString() {
        return validator.toString();
      }
    };
  }

  private int workersMin() {
    Integer min = getInt(WORKERS_MIN_CONFIG);
    return min == null ? Math.min(defaultMin, workersMax()) : min;
  }

  private int workersMax() {
    Integer max = getInt(WORKERS_MAX_CONFIG);
    return max == null ? defaultMax : max;
  }

  /** The settings as the policy uses them. */
  public PolicySettings settings() {
    return new PolicySettings(
        getBoolean(ENABLED_CONFIG),
        Duration.ofMillis(getInt(INTERVAL_CONFIG)),
        getInt(DRAIN_TARGET_CONFIG),
        getInt(TASKS_PER_WORKER_CONFIG),
        workersMin(),
        workersMax(),
        Duration.ofSeconds(getInt(STABILIZATION_CONFIG)),
        Schedule.parse(getString(SCHEDULE_CONFIG)),
        getDouble(CPU_HIGH_CONFIG),
        Duration.ofSeconds(getInt(PERSISTENT_LAG_CONFIG)),
        getLong(LAG_THRESHOLD_CONFIG));
  }

  /** The settings as {@code key → value} text, the form {@code PUT /api/v1/autoscale} takes. */
  public static Map<String, String> asProperties(PolicySettings s) {
    Map<String, String> p = new java.util.LinkedHashMap<>();
    p.put(ENABLED_CONFIG, String.valueOf(s.enabled()));
    p.put(INTERVAL_CONFIG, String.valueOf(s.interval().toMillis()));
    p.put(DRAIN_TARGET_CONFIG, String.valueOf(s.drainTargetSeconds()));
    p.put(TASKS_PER_WORKER_CONFIG, String.valueOf(s.tasksPerWorker()));
    p.put(WORKERS_MIN_CONFIG, String.valueOf(s.workersMin()));
    p.put(WORKERS_MAX_CONFIG, String.valueOf(s.workersMax()));
    p.put(STABILIZATION_CONFIG, String.valueOf(s.scaleDownStabilization().toSeconds()));
    p.put(SCHEDULE_CONFIG, s.schedule().toString());
    p.put(CPU_HIGH_CONFIG, String.valueOf(s.cpuHigh()));
    p.put(PERSISTENT_LAG_CONFIG, String.valueOf(s.persistentLag().toSeconds()));
    p.put(LAG_THRESHOLD_CONFIG, String.valueOf(s.lagThreshold()));
    return p;
  }
}
