package dev.railyard.sinks.log;

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
 * Writes the records of its topics as JSON lines into rolling files under one directory, each
 * record exactly once: Railyard's archive and audit-log targets. See {@link LogSinkConfig} for the
 * settings and {@link LogSinkTask} for how a crash is recovered. Connect calls it from one thread.
 */
public class LogSinkConnector extends SinkConnector {

  public static final String VERSION = "0.1.0";

  private Map<String, String> props;

  @Override
  public void start(Map<String, String> props) {
    new LogSinkConfig(props);
    this.props = new HashMap<>(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return LogSinkTask.class;
  }

  /** Every task gets the same settings; each writes the files of its own partitions. */
  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>(maxTasks);
    for (int i = 0; i < maxTasks; i++) {
      configs.add(new HashMap<>(props));
    }
    return configs;
  }

  @Override
  public void stop() {}

  /** Adds what no single key's validator can see: keys that do not go together. */
  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    return ConfigChecks.withCrossKeyErrors(
        super.validate(connectorConfigs), connectorConfigs, LogSinkConfig::new);
  }

  @Override
  public ConfigDef config() {
    return LogSinkConfig.CONFIG_DEF;
  }

  @Override
  public String version() {
    return VERSION;
  }
}
