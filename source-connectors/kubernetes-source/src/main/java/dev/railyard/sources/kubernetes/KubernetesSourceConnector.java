package dev.railyard.sources.kubernetes;

import dev.railyard.connectors.support.Destination;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Writes a CloudEvent for every add, update and delete of Kubernetes objects of the kinds,
 * namespaces and labels it is given, as Knative's ApiServerSource does, and resumes after a restart
 * without missing or repeating what it had seen: see {@link KubernetesSourceTask}. Its settings are
 * {@link KubernetesSourceConfig}'s. Connect calls it from one thread.
 */
public class KubernetesSourceConnector extends SourceConnector {

  public static final String VERSION = "0.1.0";

  static final String BYTES_CONVERTER = "org.apache.kafka.connect.converters.ByteArrayConverter";

  private Map<String, String> props;
  private KubernetesSourceConfig config;

  @Override
  public void start(Map<String, String> props) {
    this.config = new KubernetesSourceConfig(props);
    this.props = new HashMap<>(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return KubernetesSourceTask.class;
  }

  /** Spreads the (kind, namespace) streams over the tasks, each stream in one task. */
  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Stream> streams = config.streams();
    int tasks = Math.max(1, Math.min(maxTasks, streams.size()));
    List<List<String>> shares = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      shares.add(new ArrayList<>());
    }
    for (int i = 0; i < streams.size(); i++) {
      shares.get(i % tasks).add(streams.get(i).toString());
    }
    List<Map<String, String>> configs = new ArrayList<>();
    for (List<String> share : shares) {
      Map<String, String> c = new HashMap<>(props);
      c.put(KubernetesSourceConfig.TASK_STREAMS_CONFIG, String.join(",", share));
      configs.add(c);
    }
    return configs;
  }

  @Override
  public void stop() {}

  /**
   * Adds to the keys' own checks that the events must reach the topic as the bytes they are: the
   * key and value converters must be Connect's ByteArrayConverter.
   */
  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config result = Destination.withProblem(super.validate(connectorConfigs), connectorConfigs);
    List<ConfigValue> values = new ArrayList<>(result.configValues());
    for (String converter : List.of("key.converter", "value.converter")) {
      String given = connectorConfigs.get(converter);
      if (!BYTES_CONVERTER.equals(given == null ? null : given.strip())) {
        ConfigValue v = new ConfigValue(converter, given, new ArrayList<>(), new ArrayList<>());
        v.addErrorMessage(
            "Invalid value "
                + given
                + " for configuration "
                + converter
                + ": must be "
                + BYTES_CONVERTER
                + ", so that each event reaches the topic as the CloudEvent JSON the source"
                + " writes");
        values.add(v);
      }
    }
    return new Config(values);
  }

  @Override
  public ConfigDef config() {
    return KubernetesSourceConfig.CONFIG_DEF;
  }

  @Override
  public String version() {
    return VERSION;
  }
}
