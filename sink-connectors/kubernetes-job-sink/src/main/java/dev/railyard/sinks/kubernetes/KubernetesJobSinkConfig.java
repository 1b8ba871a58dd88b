package dev.railyard.sinks.kubernetes;

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
              RECHECK_MS_DOC);

  public KubernetesJobSinkConfig(Map<String, String> props) {
    super(CONFIG_DEF, props);
  }

  JobTemplate template() {
    return JobTemplate.parse(getString(TEMPLATE_CONFIG));
  }

  KubernetesConnection connection() {
    return new KubernetesConnection(this);
  }
}
