package dev.railyard.sinks.kubernetes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Creates a Kubernetes Job for every record of its topics, from a template filled with the event's
 * values; see {@link KubernetesJobSinkTask} for names, the cap and what a failure means, and {@link
 * KubernetesJobSinkConfig} for the settings. Connect calls it from one thread.
 */
public class KubernetesJobSinkConnector extends SinkConnector {

  public static final String VERSION = "0.1.0";

  private Map<String, String> props;

  @Override
  public void start(Map<String, String> props) {
    new KubernetesJobSinkConfig(props);
    this.props = new HashMap<>(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return KubernetesJobSinkTask.class;
  }

  /**
   * Every task gets the same settings; the cap is the connector's, each task counting every Job the
   * connector made, so tasks at once may pass it by at most one Job each.
   */
  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>(maxTasks);
    for (int i = 0; i < maxTasks; i++) {
      Map<String, String> c = new HashMap<>(props);
      c.put(KubernetesJobSinkConfig.TASK_INDEX_CONFIG, String.valueOf(i));
      configs.add(c);
    }
    return configs;
  }

  @Override
  public void stop() {}

  /** Adds what no single key's validator sees: results need a cluster to go to. */
  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config result = super.validate(connectorConfigs);
    String topic = connectorConfigs.getOrDefault(KubernetesJobSinkConfig.RESULT_TOPIC_CONFIG, "");
    String servers =
        connectorConfigs.getOrDefault(KubernetesJobSinkConfig.RESULT_BOOTSTRAP_CONFIG, "");
    boolean valid = result.configValues().stream().allMatch(v -> v.errorMessages().isEmpty());
    if (valid && !topic.isBlank() && servers.isBlank()) {
      result.configValues().stream()
          .filter(v -> v.name().equals(KubernetesJobSinkConfig.RESULT_BOOTSTRAP_CONFIG))
          .forEach(
              v ->
                  v.addErrorMessage(
                      KubernetesJobSinkConfig.RESULT_BOOTSTRAP_CONFIG
                          + " must name the Kafka cluster (host:port pairs) that "
                          + KubernetesJobSinkConfig.RESULT_TOPIC_CONFIG
                          + " is on"));
    }
    return result;
  }

  @Override
  public ConfigDef config() {
    return KubernetesJobSinkConfig.CONFIG_DEF;
  }

  @Override
  public String version() {
    return VERSION;
  }
}
