package dev.railyard.sources.log;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Tails log files onto a bus as CloudEvents, through rotation and restarts, losing and repeating no
 * line (repeating none only where the workers run exactly-once source support). See {@link
 * LogSourceConfig} for the settings and {@link Tailer} for how files are followed. Connect calls it
 * from one thread.
 */
public class LogSourceConnector extends SourceConnector {

  public static final String VERSION = "0.1.0";

  private Map<String, String> props;

  @Override
  public void start(Map<String, String> props) {
    new LogSourceConfig(props);
    this.props = new HashMap<>(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return LogSourceTask.class;
  }

  /** The patterns are dealt out among the tasks: all files of one pattern go to one task. */
  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<String> paths = new LogSourceConfig(props).paths();
    int tasks = Math.max(1, Math.min(maxTasks, paths.size()));
    List<Map<String, String>> configs = new ArrayList<>(tasks);
    for (int i = 0; i < tasks; i++) {
      List<String> mine = new ArrayList<>();
      for (int p = i; p < paths.size(); p += tasks) {
        mine.add(paths.get(p));
      }
      Map<String, String> config = new HashMap<>(props);
      config.put(LogSourceConfig.PATHS_CONFIG, String.join(",", mine));
      config.put(LogSourceConfig.TASK_INDEX_CONFIG, Integer.toString(i));
      configs.add(config);
    }
    return configs;
  }

  /**
   * Each record carries its offset, and a poll's records with their offsets are one transaction
   * when the worker has {@code exactly.once.source.support=enabled}: nothing else is needed.
   */
  @Override
  public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
    return ExactlyOnceSupport.SUPPORTED;
  }

  @Override
  public void stop() {}

  /** Adds what no single key's validator can see: keys that do not go together. */
  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config result = super.validate(connectorConfigs);
    Map<String, String> together = LogSourceConfig.problemsTogether(connectorConfigs);
    for (ConfigValue value : result.configValues()) {
      String problem = together.get(value.name());
      if (problem != null && value.errorMessages().isEmpty()) {
        value.addErrorMessage(
            "Invalid value "
                + connectorConfigs.get(value.name())
                + " for configuration "
                + value.name()
                + ": "
                + problem);
      }
    }
    return result;
  }

  @Override
  public ConfigDef config() {
    return LogSourceConfig.CONFIG_DEF;
  }

  @Override
  public String version() {
    return VERSION;
  }
}
