package dev.railyard.host.testplugins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * A sink whose task fails at start while the file named by {@code flaky.marker} exists, and runs
 * once it is gone. Each start appends a line to {@code <marker>.starts}.
 */
public class FlakySinkConnector extends SinkConnector {

  static final String MARKER = "flaky.marker";
  private static final ConfigDef CONFIG =
      new ConfigDef()
          .define(
              MARKER, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "fail while this exists")
          .define(
              "flaky.password",
              ConfigDef.Type.PASSWORD,
              "",
              ConfigDef.Importance.LOW,
              "a secret, to check masking");

  private Map<String, String> props;

  @Override
  public void start(Map<String, String> props) {
    this.props = props;
  }

  @Override
  public Class<? extends Task> taskClass() {
    return FlakyTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    return List.of(props);
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return CONFIG;
  }

  @Override
  public String version() {
    return "1.0";
  }

  /** The task that fails while the marker exists. */
  public static class FlakyTask extends SinkTask {

    @Override
    public void start(Map<String, String> props) {
      Path marker = Path.of(props.get(MARKER));
      try {
        Files.writeString(
            Path.of(marker + ".starts"),
            Instant.now() + "\n",
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (Files.exists(marker)) {
        throw new ConnectException("flaky: " + marker + " exists");
      }
    }

    @Override
    public void put(Collection<SinkRecord> records) {}

    @Override
    public void stop() {}

    @Override
    public String version() {
      return "1.0";
    }
  }
}
