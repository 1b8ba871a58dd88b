package dev.railyard.rules.delivery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * A hosted sink for the guard's tests: it keeps what it is given in memory (per {@code flaky.id})
 * and refuses the values named in {@code flaky.fail} (each the first {@code flaky.fail.times}
 * times, or always) and, with a {@code DataException}, those in {@code flaky.bad}.
 */
public class FlakySink extends SinkConnector {

  static final Map<String, List<String>> DELIVERED = new ConcurrentHashMap<>();
  static final Map<String, List<Integer>> PUT_SIZES = new ConcurrentHashMap<>();
  // per delivered record, its railyard.* headers as key=value, in order
  static final Map<String, List<List<String>>> HEADERS = new ConcurrentHashMap<>();

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
    return new ConfigDef()
        .define("flaky.id", ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "test id");
  }

  @Override
  public String version() {
    return "1";
  }

  /** The task of {@link FlakySink}. */
  public static class FlakyTask extends SinkTask {

    private String id;
    private List<String> fail;
    private List<String> bad;
    private int times;
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();

    @Override
    public void start(Map<String, String> props) {
      id = props.get("flaky.id");
      fail = List.of(props.getOrDefault("flaky.fail", "").split(","));
      bad = List.of(props.getOrDefault("flaky.bad", "").split(","));
      times =
          Integer.parseInt(
              props.getOrDefault("flaky.fail.times", String.valueOf(Integer.MAX_VALUE)));
      DELIVERED.put(id, new ArrayList<>());
      PUT_SIZES.put(id, new ArrayList<>());
      HEADERS.put(id, new ArrayList<>());
    }

    @Override
    public void put(Collection<SinkRecord> records) {
      PUT_SIZES.get(id).add(records.size());
      for (SinkRecord r : records) {
        String value = String.valueOf(r.value());
        if (bad.contains(value)) {
          throw new DataException("cannot take " + value);
        }
        if (fail.contains(value) && failures.merge(value, 1, Integer::sum) <= times) {
          throw new ConnectException("endpoint down", new java.io.IOException("refused " + value));
        }
      }
      records.forEach(r -> DELIVERED.get(id).add(String.valueOf(r.value())));
      records.forEach(r -> HEADERS.get(id).add(railyardHeaders(r)));
    }

    private static List<String> railyardHeaders(SinkRecord r) {
      List<String> headers = new ArrayList<>();
      for (org.apache.kafka.connect.header.Header h : r.headers()) {
        if (h.key().startsWith("railyard.")) {
          headers.add(h.key() + "=" + h.value());
        }
      }
      return headers;
    }

    @Override
    public void stop() {}

    @Override
    public String version() {
      return "1";
    }
  }
}
