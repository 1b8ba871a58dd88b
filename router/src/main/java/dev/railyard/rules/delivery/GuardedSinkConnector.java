package dev.railyard.rules.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Runs a hosted sink connector (named by {@value GuardedSinkConfig#DELEGATE_CLASS_CONFIG}) for a
 * rule target and gives each of its tasks the target's retry policy and dead-letter topic: see
 * {@link GuardedSinkTask}. Validation, task configs and offsets are the hosted connector's own.
 */
public class GuardedSinkConnector extends SinkConnector {

  static final String VERSION = "0.1.0";

  private SinkConnector delegate;
  private Map<String, String> props;

  @Override
  public void start(Map<String, String> props) {
    GuardedSinkConfig config = new GuardedSinkConfig(props);
    config.policy();
    this.props = Map.copyOf(props);
    delegate =
        Delegates.newConnector(
            Delegates.connectorClass(config.getString(GuardedSinkConfig.DELEGATE_CLASS_CONFIG)));
    Delegates.run(
        loader(),
        () -> {
          delegate.initialize(context());
          delegate.start(Delegates.delegateProps(props));
        });
  }

  @Override
  public Class<? extends Task> taskClass() {
    return GuardedSinkTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> hosted =
        Delegates.call(loader(), () -> delegate.taskConfigs(maxTasks));
    String taskClass = Delegates.call(loader(), () -> delegate.taskClass().getName());
    List<Map<String, String>> configs = new ArrayList<>();
    for (Map<String, String> h : hosted) {
      Map<String, String> c = new HashMap<>(h);
      props.forEach(
          (k, v) -> {
            if (GuardedSinkConfig.isGuardKey(k)) {
              c.put(k, v);
            }
          });
      c.put(GuardedSinkConfig.DELEGATE_TASK_CLASS_CONFIG, taskClass);
      c.put(GuardedSinkConfig.TASK_INDEX_CONFIG, String.valueOf(configs.size()));
      configs.add(c);
    }
    configs.forEach(
        c -> c.put(GuardedSinkConfig.TASK_COUNT_CONFIG, String.valueOf(configs.size())));
    return configs;
  }

  @Override
  public void stop() {
    if (delegate != null) {
      Delegates.run(loader(), delegate::stop);
    }
  }

  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config own = super.validate(connectorConfigs);
    String delegateClass = connectorConfigs.get(GuardedSinkConfig.DELEGATE_CLASS_CONFIG);
    if (delegateClass == null || delegateClass.isBlank()) {
      return own;
    }
    List<ConfigValue> values = new ArrayList<>(own.configValues());
    try {
      SinkConnector hosted = Delegates.newConnector(Delegates.connectorClass(delegateClass));
      Config theirs =
          Delegates.call(
              hosted.getClass().getClassLoader(),
              () -> hosted.validate(Delegates.delegateProps(connectorConfigs)));
      values.addAll(theirs.configValues());
    } catch (RuntimeException e) {
      values.stream()
          .filter(v -> v.name().equals(GuardedSinkConfig.DELEGATE_CLASS_CONFIG))
          .findFirst()
          .ifPresent(v -> v.addErrorMessage(e.getMessage()));
    }
    return new Config(values);
  }

  @Override
  public boolean alterOffsets(
      Map<String, String> connectorConfig, Map<TopicPartition, Long> offsets) {
    SinkConnector hosted =
        Delegates.newConnector(
            Delegates.connectorClass(connectorConfig.get(GuardedSinkConfig.DELEGATE_CLASS_CONFIG)));
    return Delegates.call(
        hosted.getClass().getClassLoader(),
        () -> hosted.alterOffsets(Delegates.delegateProps(connectorConfig), offsets));
  }

  @Override
  public ConfigDef config() {
    return GuardedSinkConfig.CONFIG_DEF;
  }

  @Override
  public String version() {
    return VERSION;
  }

  private ClassLoader loader() {
    return delegate.getClass().getClassLoader();
  }
}
