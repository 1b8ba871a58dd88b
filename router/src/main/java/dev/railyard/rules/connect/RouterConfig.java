package dev.railyard.rules.connect;

import dev.railyard.rules.kafka.PluginClients;
import dev.railyard.rules.model.Topology;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** The settings of a router connector; Railyard writes them when it creates the router of a bus. */
public final class RouterConfig extends AbstractConfig {

  public static final String BUS_CONFIG = "railyard.bus";
  public static final String BUS_DOC =
      "The bus this router reads; it applies the rules of this bus.";

  public static final String BOOTSTRAP_CONFIG = PluginClients.BOOTSTRAP_CONFIG;
  public static final String BOOTSTRAP_DOC =
      "The Kafka cluster holding the rules and delivery topics.";

  public static final String RULES_TOPIC_CONFIG = "railyard.rules.topic";
  public static final String RULES_TOPIC_DOC = "The compacted topic the rules are read from.";

  public static final String CATCH_UP_TIMEOUT_CONFIG = "railyard.rules.catch.up.timeout.ms";
  public static final String CATCH_UP_TIMEOUT_DOC =
      "How long a starting task may take to read every rule before it routes its first event.";

  public static final String STATS_INTERVAL_CONFIG = "railyard.stats.interval.ms";
  public static final String STATS_INTERVAL_DOC =
      "How often each task writes its counts (events matched "
          + "per rule, transform errors per target) to the stats topic when they changed; a task that "
          + "crashes loses at most this much of them.";
  public static final int STATS_INTERVAL_DEFAULT = 2000;

  public static final ConfigDef CONFIG_DEF =
      new ConfigDef()
          .define(
              BUS_CONFIG,
              Type.STRING,
              ConfigDef.NO_DEFAULT_VALUE,
              new ConfigDef.NonEmptyString(),
              Importance.HIGH,
              BUS_DOC)
          .define(
              BOOTSTRAP_CONFIG,
              Type.STRING,
              ConfigDef.NO_DEFAULT_VALUE,
              new ConfigDef.NonEmptyString(),
              Importance.HIGH,
              BOOTSTRAP_DOC)
          .define(
              RULES_TOPIC_CONFIG,
              Type.STRING,
              Topology.RULES_TOPIC,
              new ConfigDef.NonEmptyString(),
              Importance.LOW,
              RULES_TOPIC_DOC)
          .define(
              CATCH_UP_TIMEOUT_CONFIG,
              Type.INT,
              60_000,
              ConfigDef.Range.atLeast(1000),
              Importance.LOW,
              CATCH_UP_TIMEOUT_DOC)
          .define(
              STATS_INTERVAL_CONFIG,
              Type.INT,
              STATS_INTERVAL_DEFAULT,
              ConfigDef.Range.between(100, 600_000),
              Importance.LOW,
              STATS_INTERVAL_DOC);

  public RouterConfig(Map<String, String> props) {
    super(CONFIG_DEF, props);
  }

  /**
   * The clients the router's task makes beside Connect's, from this config's client settings
   * ({@value #BOOTSTRAP_CONFIG} and {@value PluginClients#CLIENT_PREFIX}{@code *}).
   */
  public PluginClients clients() {
    return PluginClients.fromConnectorConfig(originals());
  }

  public String bus() {
    return getString(BUS_CONFIG);
  }
}
