package dev.railyard.sinks.http;

import dev.railyard.connectors.support.ConfigChecks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Sends every record of its topics to one HTTP endpoint, the value as the body: Railyard's webhook
 * and function targets, like EventBridge API destinations. See {@link HttpSinkConfig} for the
 * settings and {@link HttpSinkTask} for what a failure means. Connect calls it from one thread.
 */
public class HttpSinkConnector extends SinkConnector {

  public static final String VERSION = "0.1.0";

  private Map<String, String> props;

  @Override
  public void start(Map<String, String> props) {
    new HttpSinkConfig(props);
    this.props = new HashMap<>(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return HttpSinkTask.class;
  }

  /**
   * Every task gets the same settings, and is told how many tasks share the rate limit, so each
   * takes its share; records are spread over the tasks by partition.
   */
  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>(maxTasks);
    for (int i = 0; i < maxTasks; i++) {
      Map<String, String> config = new HashMap<>(props);
      config.put(HttpSinkConfig.RATE_LIMIT_TASKS_CONFIG, Integer.toString(maxTasks));
      configs.add(config);
    }
    return configs;
  }

  @Override
  public void stop() {}

  /** Adds what no single key's validator can see: keys that do not go together. */
  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    return ConfigChecks.withCrossKeyErrors(
        super.validate(connectorConfigs), connectorConfigs, HttpSinkConfig::new);
  }

  @Override
  public ConfigDef config() {
    return HttpSinkConfig.CONFIG_DEF;
  }

  @Override
  public String version() {
    return VERSION;
  }
}
