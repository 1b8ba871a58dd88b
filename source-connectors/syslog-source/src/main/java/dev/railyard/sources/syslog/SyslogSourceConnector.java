package dev.railyard.sources.syslog;

import dev.railyard.connectors.support.ConfigChecks;
import dev.railyard.connectors.support.Destination;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Receives syslog messages on one port (UDP, TCP, TLS) and writes each onto a bus topic as a
 * CloudEvent. One port is one listener, so the connector runs one task whatever {@code tasks.max}
 * says. See {@link SyslogSourceConfig} for the settings. Connect calls it from one thread.
 */
public class SyslogSourceConnector extends SourceConnector {

  public static final String VERSION = "0.1.0";

  private Map<String, String> props;

  @Override
  public void start(Map<String, String> props) {
    new SyslogSourceConfig(props);
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return SyslogSourceTask.class;
  }

  /** One task: a second could not bind the same port. */
  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    return List.of(props);
  }

  @Override
  public void stop() {}

  /**
   * Adds what no single key's validator can see (TLS without TCP or without a readable key store)
   * to the key it concerns.
   */
  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    return ConfigChecks.withCrossKeyErrors(
        Destination.withProblem(super.validate(connectorConfigs), connectorConfigs),
        connectorConfigs,
        SyslogSourceConfig::new);
  }

  /** Syslog cannot be replayed: nothing it writes can be written exactly once. */
  @Override
  public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
    return ExactlyOnceSupport.UNSUPPORTED;
  }

  @Override
  public ConfigDef config() {
    return SyslogSourceConfig.CONFIG_DEF;
  }

  @Override
  public String version() {
    return VERSION;
  }
}
