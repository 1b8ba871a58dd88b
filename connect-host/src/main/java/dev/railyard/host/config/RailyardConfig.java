package dev.railyard.host.config;

import dev.railyard.autoscale.kubernetes.KubernetesTarget;
import dev.railyard.autoscale.policy.AutoscaleConfig;
import dev.railyard.autoscale.policy.PolicySettings;
import dev.railyard.embedded.broker.EmbeddedBroker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The settings of a Railyard control plane. Keys starting with {@value #WORKER_PREFIX} are passed,
 * without the prefix, to every Connect worker; keys starting with {@value KafkaClientConfig#PREFIX}
 * are the Kafka client settings of a secured cluster ({@link KafkaClientConfig}); any other key not
 * defined here is refused. Immutable.
 */
public final class RailyardConfig extends AbstractConfig {

  public static final String WORKER_PREFIX = "worker.";

  public static final String DATA_DIR_CONFIG = "data.dir";
  public static final String DATA_DIR_DOC =
      "Directory holding the embedded broker's data, the "
          + "plugin store, worker files and logs. Reused across restarts.";
  public static final String DATA_DIR_DEFAULT = "./data";

  public static final String HTTP_HOST_CONFIG = "http.host";
  public static final String HTTP_HOST_DOC = "Address the API and dashboard listen on.";
  public static final String HTTP_HOST_DEFAULT = "127.0.0.1";

  public static final String HTTP_PORT_CONFIG = "http.port";
  public static final String HTTP_PORT_DOC = "Port of the API and dashboard; 0 picks a free one.";
  public static final int HTTP_PORT_DEFAULT = 8080;

  public static final String HTTP_MAX_BODY_CONFIG = "http.max.body.bytes";
  public static final String HTTP_MAX_BODY_DOC = "Largest request body the API accepts.";
  public static final long HTTP_MAX_BODY_DEFAULT = 10L * 1024 * 1024;

  public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
  public static final String BOOTSTRAP_SERVERS_DOC =
      "Kafka cluster to use. Empty: Railyard "
          + "starts an embedded single-node broker with its data under data.dir.";
  public static final String BOOTSTRAP_SERVERS_DEFAULT = "";

  public static final String BROKER_HOST_CONFIG = "broker.host";
  public static final String BROKER_HOST_DOC =
      "Loopback address the embedded broker listens on. It has neither TLS nor authentication, so "
          + "it is never reachable from other machines; for those, use a secured cluster "
          + "(bootstrap.servers and kafka.*, see docs/security.md).";
  public static final String BROKER_HOST_DEFAULT = "127.0.0.1";

  public static final String BROKER_PORT_CONFIG = "broker.port";
  public static final String BROKER_PORT_DOC =
      "Client port of the embedded broker; 0 picks a free one.";
  public static final int BROKER_PORT_DEFAULT = 9092;

  public static final String WORKERS_CONFIG = "workers";
  public static final String WORKERS_DOC =
      "Number of Connect workers started with the platform; the autoscaler's reserved count "
          + "(autoscale.workers.min) defaults to it.";
  public static final int WORKERS_DEFAULT = 1;

  public static final String WORKERS_MAX_CONFIG = "workers.max";
  public static final String WORKERS_MAX_DOC =
      "Largest worker count the API and the autoscaler may set; the autoscaler's ceiling "
          + "(autoscale.workers.max) defaults to it.";
  public static final int WORKERS_MAX_DEFAULT = 8;

  public static final String WORKERS_REBALANCE_DELAY_CONFIG = "workers.rebalance.delay.ms";
  public static final String WORKERS_REBALANCE_DELAY_DOC =
      "How long the tasks of a worker that left stay unassigned, waiting for it to return "
          + "(Connect's scheduled.rebalance.max.delay.ms). 0: they move to the other workers in "
          + "the rebalance of the leave itself. A worker the autoscaler or the API stops never "
          + "returns, and a child worker that crashed is back only after its JVM started again "
          + "(about 8 s), so a delay only left tasks idle and cost a second rebalance; set one for "
          + "workers that come back sooner than it. Connect's default of 5 minutes left tasks "
          + "idle for that long after a worker was stopped.";
  public static final int WORKERS_REBALANCE_DELAY_DEFAULT = 0;

  public static final String WORKERS_JVM_OPTIONS_CONFIG = "workers.jvm.options";
  public static final String WORKERS_JVM_OPTIONS_DOC = "JVM options of each worker process.";
  public static final List<String> WORKERS_JVM_OPTIONS_DEFAULT =
      List.of("-Xmx1g", "-XX:+ExitOnOutOfMemoryError");

  public static final String CONNECT_GROUP_CONFIG = "connect.group.id";
  public static final String CONNECT_GROUP_DOC =
      "Connect group of the workers; also the prefix "
          + "of its internal topics (<group>.connect.configs, .offsets, .status).";
  public static final String CONNECT_GROUP_DEFAULT = "railyard";

  public static final String BUS_PARTITIONS_CONFIG = "bus.partitions";
  public static final String BUS_PARTITIONS_DOC =
      "Partitions of a new bus topic; bounds how many tasks can read one bus in parallel.";
  public static final int BUS_PARTITIONS_DEFAULT = 3;

  public static final String BUS_AUTO_CREATE_CONFIG = "bus.auto.create";
  public static final String BUS_AUTO_CREATE_DOC =
      "Create a bus on the first event sent to it. "
          + "When false, events for an unknown bus are refused.";
  public static final boolean BUS_AUTO_CREATE_DEFAULT = true;

  public static final String RESTART_CHECK_INTERVAL_CONFIG = "connectors.restart.check.interval.ms";
  public static final String RESTART_CHECK_INTERVAL_DOC =
      "How often Railyard looks for failed "
          + "connectors and tasks to restart with backoff (Connect never restarts them by itself). "
          + "Per connector, railyard.restart.enabled, railyard.restart.initial.backoff.ms (default "
          + "1000) and railyard.restart.max.backoff.ms (default 300000) tune it.";
  public static final int RESTART_CHECK_INTERVAL_DEFAULT = 2000;

  public static final String KUBERNETES_TARGET_CONFIG = "autoscale.kubernetes.target";
  public static final String KUBERNETES_TARGET_DOC =
      "Workers that run on Kubernetes rather than as child processes: the resource whose replicas "
          + "the autoscaler sets, as kind/name (deployment/railyard-worker, statefulset/workers, "
          + "kafkaconnect/my-connect for a Strimzi KafkaConnect). Empty: the child-process workers. "
          + "Set at start only; see docs/kubernetes.md.";

  public static final String KUBERNETES_NAMESPACE_CONFIG = "autoscale.kubernetes.namespace";
  public static final String KUBERNETES_NAMESPACE_DOC =
      "Namespace of " + KUBERNETES_TARGET_CONFIG + "; empty: the control plane pod's own.";

  public static final String CONNECT_REST_URL_CONFIG = "connect.rest.url";
  public static final String CONNECT_REST_URL_DOC =
      "Kafka Connect REST URL of workers that are not child processes (e.g. "
          + "http://railyard-worker:8083, the workers' Service on Kubernetes); connectors, rules "
          + "and /connect/** go there. Empty: a running child worker's.";

  /** The host's settings and the autoscaler's ({@code autoscale.*}), documented together. */
  public static final ConfigDef CONFIG_DEF =
      TargetsConfig.defineAll(
              TopicsConfig.defineAll(
                  PluginsConfig.defineAll(
                      LimitsConfig.defineAll(
                          SecretsConfig.defineAll(
                              HttpConfig.defineAll(
                                  KafkaClientConfig.defineAll(
                                      new ConfigDef(AutoscaleConfig.CONFIG_DEF))))))))
          .define(
              DATA_DIR_CONFIG,
              Type.STRING,
              DATA_DIR_DEFAULT,
              new ConfigDef.NonEmptyString(),
              Importance.HIGH,
              DATA_DIR_DOC)
          .define(
              HTTP_HOST_CONFIG,
              Type.STRING,
              HTTP_HOST_DEFAULT,
              new ConfigDef.NonEmptyString(),
              Importance.HIGH,
              HTTP_HOST_DOC)
          .define(
              HTTP_PORT_CONFIG,
              Type.INT,
              HTTP_PORT_DEFAULT,
              Range.between(0, 65535),
              Importance.HIGH,
              HTTP_PORT_DOC)
          .define(
              HTTP_MAX_BODY_CONFIG,
              Type.LONG,
              HTTP_MAX_BODY_DEFAULT,
              Range.atLeast(1024),
              Importance.LOW,
              HTTP_MAX_BODY_DOC)
          .define(
              BOOTSTRAP_SERVERS_CONFIG,
              Type.STRING,
              BOOTSTRAP_SERVERS_DEFAULT,
              Importance.HIGH,
              BOOTSTRAP_SERVERS_DOC)
          .define(
              BROKER_HOST_CONFIG,
              Type.STRING,
              BROKER_HOST_DEFAULT,
              new LoopbackHost(),
              Importance.MEDIUM,
              BROKER_HOST_DOC)
          .define(
              BROKER_PORT_CONFIG,
              Type.INT,
              BROKER_PORT_DEFAULT,
              Range.between(0, 65535),
              Importance.MEDIUM,
              BROKER_PORT_DOC)
          .define(
              WORKERS_CONFIG,
              Type.INT,
              WORKERS_DEFAULT,
              Range.between(0, 64),
              Importance.HIGH,
              WORKERS_DOC)
          .define(
              WORKERS_MAX_CONFIG,
              Type.INT,
              WORKERS_MAX_DEFAULT,
              Range.between(1, 64),
              Importance.MEDIUM,
              WORKERS_MAX_DOC)
          .define(
              WORKERS_REBALANCE_DELAY_CONFIG,
              Type.INT,
              WORKERS_REBALANCE_DELAY_DEFAULT,
              Range.between(0, 600_000),
              Importance.MEDIUM,
              WORKERS_REBALANCE_DELAY_DOC)
          .define(
              WORKERS_JVM_OPTIONS_CONFIG,
              Type.LIST,
              WORKERS_JVM_OPTIONS_DEFAULT,
              Importance.LOW,
              WORKERS_JVM_OPTIONS_DOC)
          .define(
              CONNECT_GROUP_CONFIG,
              Type.STRING,
              CONNECT_GROUP_DEFAULT,
              new ConfigDef.NonEmptyString(),
              Importance.LOW,
              CONNECT_GROUP_DOC)
          .define(
              BUS_PARTITIONS_CONFIG,
              Type.INT,
              BUS_PARTITIONS_DEFAULT,
              Range.between(1, 1000),
              Importance.MEDIUM,
              BUS_PARTITIONS_DOC)
          .define(
              BUS_AUTO_CREATE_CONFIG,
              Type.BOOLEAN,
              BUS_AUTO_CREATE_DEFAULT,
              Importance.LOW,
              BUS_AUTO_CREATE_DOC)
          .define(
              RESTART_CHECK_INTERVAL_CONFIG,
              Type.INT,
              RESTART_CHECK_INTERVAL_DEFAULT,
              Range.between(100, 3_600_000),
              Importance.LOW,
              RESTART_CHECK_INTERVAL_DOC)
          .define(
              KUBERNETES_TARGET_CONFIG,
              Type.STRING,
              "",
              new KubernetesTargetValidator(),
              Importance.MEDIUM,
              KUBERNETES_TARGET_DOC)
          .define(
              KUBERNETES_NAMESPACE_CONFIG,
              Type.STRING,
              "",
              Importance.LOW,
              KUBERNETES_NAMESPACE_DOC)
          .define(
              CONNECT_REST_URL_CONFIG, Type.STRING, "", Importance.MEDIUM, CONNECT_REST_URL_DOC);

  /**
   * Validates and binds the settings.
   *
   * @param props the merged settings from file and flags
   * @param source where they came from, for error messages (e.g. {@code railyard.properties})
   * @throws ConfigException naming the first wrong key, what is wrong and what would be valid
   */
  public RailyardConfig(Map<String, String> props, String source) {
    super(CONFIG_DEF, UnknownSettings.reject(CONFIG_DEF, props, source), false);
    if (embeddedBroker() && !kafkaClientSettings().isEmpty()) {
      String key = KafkaClientConfig.PREFIX + kafkaClientSettings().keySet().iterator().next();
      throw new ConfigException(
          key,
          KafkaClientConfig.isSecret(key.substring(KafkaClientConfig.PREFIX.length()))
              ? KafkaClientConfig.HIDDEN
              : originals().get(key),
          "kafka.* settings are for an external cluster: set "
              + BOOTSTRAP_SERVERS_CONFIG
              + " too (the embedded broker takes no client security settings)");
    }
    if (getInt(WORKERS_CONFIG) > getInt(WORKERS_MAX_CONFIG)) {
      throw new ConfigException(
          WORKERS_CONFIG,
          getInt(WORKERS_CONFIG),
          "cannot exceed " + WORKERS_MAX_CONFIG + " (" + getInt(WORKERS_MAX_CONFIG) + ")");
    }
    PolicySettings autoscale =
        new AutoscaleConfig(
                autoscaleProperties(), getInt(WORKERS_CONFIG), getInt(WORKERS_MAX_CONFIG))
            .settings();
    if (autoscale.workersMax() > getInt(WORKERS_MAX_CONFIG)) {
      throw new ConfigException(
          AutoscaleConfig.WORKERS_MAX_CONFIG,
          autoscale.workersMax(),
          "cannot exceed " + WORKERS_MAX_CONFIG + " (" + getInt(WORKERS_MAX_CONFIG) + ")");
    }
  }

  private static final String KUBERNETES_PREFIX = "autoscale.kubernetes.";

  /** A loopback address: the embedded broker must not be reachable from other machines. */
  private static final class LoopbackHost implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      String host = (String) value;
      if (host == null || host.isBlank() || !EmbeddedBroker.isLoopback(host)) {
        throw new ConfigException(
            name,
            value,
            "the embedded broker has no TLS or authentication and listens on a loopback address "
                + "only; for other machines run a secured cluster and set "
                + BOOTSTRAP_SERVERS_CONFIG
                + " and kafka.* (docs/security.md)");
      }
    }

    @Override
    public String toString() {
      return "a loopback address (127.0.0.1, ::1, localhost)";
    }
  }

  /** Empty, or kind/name of a resource the Kubernetes actuator can scale. */
  private static final class KubernetesTargetValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      String text = (String) value;
      if (text != null && !text.isBlank()) {
        try {
          KubernetesTarget.parse("default", text);
        } catch (IllegalArgumentException e) {
          throw new ConfigException(name, value, e.getMessage());
        }
      }
    }

    @Override
    public String toString() {
      return "empty, or deployment/<name>, statefulset/<name>, kafkaconnect/<name>";
    }
  }

  /**
   * The policy's {@code autoscale.*} settings as given, keys with their prefix; not {@value
   * #KUBERNETES_PREFIX}*, which say where the workers are and are read at start only.
   */
  public Map<String, String> autoscaleProperties() {
    Map<String, String> props = new java.util.LinkedHashMap<>();
    originals()
        .forEach(
            (k, v) -> {
              if (k.startsWith(AutoscaleConfig.PREFIX) && !k.startsWith(KUBERNETES_PREFIX)) {
                props.put(k, String.valueOf(v));
              }
            });
    return props;
  }

  public Path dataDir() {
    return Path.of(getString(DATA_DIR_CONFIG));
  }

  public boolean embeddedBroker() {
    return getString(BOOTSTRAP_SERVERS_CONFIG).isBlank();
  }

  /** The settings passed to every worker, without their {@value #WORKER_PREFIX} prefix. */
  public Map<String, String> workerOverrides() {
    return originalsWithPrefix(WORKER_PREFIX).entrySet().stream()
        .collect(
            java.util.stream.Collectors.toMap(
                Map.Entry::getKey, e -> String.valueOf(e.getValue())));
  }

  /**
   * The Kafka client settings every client gets besides {@code bootstrap.servers}: the {@value
   * KafkaClientConfig#PREFIX}{@code *} settings given, without the prefix. Secrets included: show
   * them only through {@link KafkaClientConfig#masked}.
   */
  public Map<String, String> kafkaClientSettings() {
    return KafkaClientConfig.given(originals());
  }

  /** Every defined key, for documentation. */
  public static Set<String> names() {
    return CONFIG_DEF.names();
  }

  /**
   * The defined keys but the {@value KafkaClientConfig#PREFIX}{@code *} client settings, which the
   * CLI's help names as one family.
   */
  public static Set<String> ownNames() {
    return UnknownSettings.ownNames(CONFIG_DEF);
  }
}
