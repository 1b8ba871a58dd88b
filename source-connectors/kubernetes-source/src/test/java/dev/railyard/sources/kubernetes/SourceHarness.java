package dev.railyard.sources.kubernetes;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.connectors.support.Destination;
import dev.railyard.connectors.support.kubernetes.KubernetesConnection;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Runs source tasks against an API server the way a worker does: started with a config and the
 * offsets committed so far, polled, their records' offsets committed (or not, when the worker
 * dies).
 */
final class SourceHarness implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  final FakeOffsets offsets = new FakeOffsets();
  private final List<SourceRecord> records = new ArrayList<>();
  private KubernetesSourceTask task;
  private int consumed;

  /** A config for the API server {@code client} talks to, with {@code extra} key-value pairs. */
  static Map<String, String> props(KubernetesClient client, String... extra) {
    Map<String, String> props = new HashMap<>();
    props.put(KubernetesConnection.MASTER_URL_CONFIG, client.getConfiguration().getMasterUrl());
    props.put(KubernetesConnection.TRUST_CERTS_CONFIG, "true");
    props.put(Destination.BUS_CONFIG, "k8s");
    props.put(KubernetesSourceConfig.KINDS_CONFIG, "v1/Pod");
    props.put(KubernetesSourceConfig.NAMESPACES_CONFIG, "shop");
    for (int i = 0; i < extra.length; i += 2) {
      props.put(extra[i], extra[i + 1]);
    }
    return props;
  }

  /**
   * Starts a new task from the offsets committed so far, and polls it once, as Connect does: the
   * first poll lists what there is and starts the watches.
   */
  SourceHarness start(Map<String, String> props) {
    records.clear();
    consumed = 0;
    task = new KubernetesSourceTask();
    task.initialize(offsets);
    task.start(props);
    poll();
    return this;
  }

  /** Polls until the task has sent {@code count} events the test has not had yet; those. */
  List<JsonNode> awaitEvents(int count) {
    int from = consumed;
    await(count + " events")
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              if (records.size() < from + count) {
                poll();
              }
              return records.size() >= from + count;
            });
    consumed = from + count;
    return events(from, consumed);
  }

  /**
   * Polls three more times (each waits half a second for something); every event the test has not
   * had yet.
   */
  List<JsonNode> drain() {
    for (int i = 0; i < 3; i++) {
      poll();
    }
    int from = consumed;
    consumed = records.size();
    return events(from, consumed);
  }

  /** Connect commits the offsets of every record written so far. */
  void commit() {
    offsets.commit(records);
  }

  List<SourceRecord> records() {
    return List.copyOf(records);
  }

  /** The task stops, as a worker stops it or as it is lost when its worker dies. */
  void stop() {
    if (task != null) {
      task.stop();
      task = null;
    }
  }

  private void poll() {
    try {
      List<SourceRecord> polled = task.poll();
      if (polled != null) {
        records.addAll(polled);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private List<JsonNode> events(int from, int to) {
    List<JsonNode> events = new ArrayList<>();
    for (SourceRecord r : records.subList(from, to)) {
      try {
        events.add(JSON.readTree((byte[]) r.value()));
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return events;
  }

  @Override
  public void close() {
    stop();
  }
}
