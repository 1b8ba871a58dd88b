package dev.railyard.sinks.kubernetes;

import dev.railyard.connectors.support.kubernetes.KubernetesConnection;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The Job sink's settings: which API server and namespace, the Job template, its names, the cap and
 * the TTL. Every key is typed, validated and documented here, so Connect's validate endpoint
 * reports a bad value against its key. Immutable.
 */
public class KubernetesJobSinkConfig extends AbstractConfig {

  public static final String NAMESPACE_CONFIG = "kubernetes.namespace";
  public static final String NAMESPACE_DEFAULT = "default";
  public static final String NAMESPACE_DOC = "The namespace the Jobs are created in.";

  public static final String TEMPLATE_CONFIG = "kubernetes.job.template";
  public static final String TEMPLATE_DOC =
      "The Job each event becomes, a manifest in YAML or JSON (apiVersion batch/v1, kind Job, a"
          + " pod template whose restartPolicy is Never or OnFailure). String values may hold"
          + " ${id}, ${type}, ${source}, ${subject}, ${time} and ${data.<path>} (a dot path into"
          + " the event's data, e.g. ${data.order.id}), filled from each event; an event without"
          + " one is dead-lettered. metadata.name and namespace are the sink's.";

  public static final String NAME_PREFIX_CONFIG = "kubernetes.job.name.prefix";
  public static final String NAME_PREFIX_DEFAULT = "railyard-";
  public static final String NAME_PREFIX_DOC =
      "The start of each Job's name, which ends with a digest of the connector's name and the"
          + " event id, so the same event always names the same Job: 1 to 40 lower-case letters,"
          + " digits or '-', starting with a letter.";

  public static final String MAX_ACTIVE_CONFIG = "kubernetes.job.max.active";
  public static final int MAX_ACTIVE_DEFAULT = 10;
  public static final String MAX_ACTIVE_DOC =
      "The most Jobs of this connector that may be active (neither Complete nor Failed) at once;"
          + " at the cap the task pauses its partitions and creates the next Job once one has"
          + " finished. 0 for no cap.";

  public static final String TTL_CONFIG = "kubernetes.job.ttl.seconds.after.finished";
  public static final int TTL_DEFAULT = 3600;
  public static final String TTL_DOC =
      "How long a finished Job stays before Kubernetes deletes it, in seconds"
          + " (spec.ttlSecondsAfterFinished); -1 keeps what the template says.";

  public static final String RECHECK_MS_CONFIG = "kubernetes.job.recheck.ms";
  public static final int RECHECK_MS_DEFAULT = 2000;
  public static final String RECHECK_MS_DOC =
      "How often a task at the cap counts the active Jobs again, in milliseconds (100 to 60000).";

  public static final String RESULT_TOPIC_CONFIG = "kubernetes.job.result.topic";
  public static final String RESULT_TOPIC_DOC =
      "Where the result of each finished Job goes, a CloudEvent of type"
          + " dev.railyard.kubernetes.job.succeeded or .failed (for a bus, railyard.bus.<bus>)."
          + " Empty (the default): no results are written.";

  public static final String RESULT_BOOTSTRAP_CONFIG = "kubernetes.job.result.bootstrap.servers";
  public static final String RESULT_BOOTSTRAP_DOC =
      "The Kafka cluster the results are written to, host:port pairs; needed with "
          + RESULT_TOPIC_CONFIG
          + " (Connect gives a sink no producer of its own). Further producer settings, such as"
          + " security.protocol or sasl.jaas.config, go in kubernetes.job.result.kafka.<setting>.";

  static final String RESULT_KAFKA_PREFIX = "kubernetes.job.result.kafka.";

  public static final String TASK_INDEX_CONFIG = "kubernetes.job.task.index";
  public static final String TASK_INDEX_DOC =
      "Which of the connector's tasks this is; task 0 writes the results. Set by the connector;"
          + " not to be set by hand.";

  public static final ConfigDef CONFIG_DEF =
      KubernetesConnection.define(new ConfigDef())
          .define(
              NAMESPACE_CONFIG,
              Type.STRING,
              NAMESPACE_DEFAULT,
              (name, value) -> {
                if (!KubernetesConnection.isDnsLabel((String) value)) {
                  throw new ConfigException(
                      name,
                      value,
                      "must be a namespace name: 1 to 63 lower-case letters, digits or '-',"
                          + " starting and ending with a letter or digit");
                }
              },
              Importance.HIGH,
              NAMESPACE_DOC)
          .define(
              TEMPLATE_CONFIG,
              Type.STRING,
              ConfigDef.NO_DEFAULT_VALUE,
              (name, value) -> {
                try {
                  JobTemplate.parse((String) value);
                } catch (IllegalArgumentException e) {
                  // the template may be long: the reason says where it is wrong
                  throw new ConfigException(name + ": the Job template " + e.getMessage());
                }
              },
              Importance.HIGH,
              TEMPLATE_DOC)
          .define(
              NAME_PREFIX_CONFIG,
              Type.STRING,
              NAME_PREFIX_DEFAULT,
              (name, value) -> {
                if (!((String) value).matches("[a-z][-a-z0-9]{0,39}")) {
                  throw new ConfigException(
                      name,
                      value,
                      "must be 1 to 40 lower-case letters, digits or '-', starting with a letter");
                }
              },
              Importance.LOW,
              NAME_PREFIX_DOC)
          .define(
              MAX_ACTIVE_CONFIG,
              Type.INT,
              MAX_ACTIVE_DEFAULT,
              ConfigDef.Range.between(0, 100_000),
              Importance.MEDIUM,
              MAX_ACTIVE_DOC)
          .define(
              TTL_CONFIG,
              Type.INT,
              TTL_DEFAULT,
              ConfigDef.Range.atLeast(-1),
              Importance.MEDIUM,
              TTL_DOC)
          .define(
              RECHECK_MS_CONFIG,
              Type.INT,
              RECHECK_MS_DEFAULT,
              ConfigDef.Range.between(100, 60_000),
              Importance.LOW,
              RECHECK_MS_DOC)
          .define(
              RESULT_TOPIC_CONFIG,
              Type.STRING,
              "",
              (name, value) -> {
                String topic = ((String) value).strip();
                if (!topic.isEmpty() && !topic.matches("[a-zA-Z0-9._-]{1,249}")) {
                  throw new ConfigException(
                      name,
                      value,
                      "must be empty or a Kafka topic name (1 to 249 letters, digits, '.', '_' or"
                          + " '-')");
                }
              },
              Importance.MEDIUM,
              RESULT_TOPIC_DOC)
          .define(
              RESULT_BOOTSTRAP_CONFIG,
              Type.STRING,
              "",
              (name, value) -> {
                String servers = ((String) value).strip();
                if (!servers.isEmpty()
                    && !servers.matches("[^\\s,:]+:[0-9]+(,[^\\s,:]+:[0-9]+)*")) {
                  throw new ConfigException(
                      name, value, "must be host:port pairs, comma-separated, e.g. kafka-1:9092");
                }
              },
              Importance.MEDIUM,
              RESULT_BOOTSTRAP_DOC)
          .define(
              TASK_INDEX_CONFIG,
              Type.INT,
              0,
              ConfigDef.Range.atLeast(0),
              Importance.LOW,
              TASK_INDEX_DOC);

  public KubernetesJobSinkConfig(Map<String, String> props) {
    super(CONFIG_DEF, props);
  }

  JobTemplate template() {
    return JobTemplate.parse(getString(TEMPLATE_CONFIG));
  }

  /** The results' topic, or null when none are written. */
  String resultTopic() {
    String topic = getString(RESULT_TOPIC_CONFIG).strip();
    return topic.isEmpty() ? null : topic;
  }

  /**
   * The results' producer settings: the servers and every {@code kubernetes.job.result.kafka.*}.
   */
  Map<String, Object> resultProducer() {
    Map<String, Object> settings =
        new java.util.HashMap<>(originalsWithPrefix(RESULT_KAFKA_PREFIX));
    settings.put("bootstrap.servers", getString(RESULT_BOOTSTRAP_CONFIG).strip());
    settings.put("acks", "all");
    settings.put("enable.idempotence", "true");
    return settings;
  }

  KubernetesConnection connection() {
    return new KubernetesConnection(this);
  }
}
