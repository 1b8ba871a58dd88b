package dev.railyard.sources.syslog;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.connectors.support.Destination;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * A {@link SyslogSourceTask} started on a free local port (UDP and TCP), polled by the test the way
 * Connect polls it, and stopped on close.
 */
final class RunningTask implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();

  final SyslogSourceTask task = new SyslogSourceTask();
  final int port;
  private final List<SourceRecord> records = new ArrayList<>();
  private final List<JsonNode> events = new ArrayList<>();

  private RunningTask(int port) {
    this.port = port;
  }

  /** Starts a task on 127.0.0.1 and a free port, with these settings over the defaults. */
  static RunningTask start(Map<String, String> settings) {
    return startOn(freePort(), settings);
  }

  /** Starts a task on 127.0.0.1 and the port given, with these settings over the defaults. */
  static RunningTask startOn(int port, Map<String, String> settings) {
    RunningTask running = new RunningTask(port);
    Map<String, String> props = new HashMap<>();
    props.put("name", "syslog-test-" + running.port);
    props.put(Destination.BUS_CONFIG, "logs");
    props.put(SyslogSourceConfig.HOST_CONFIG, "127.0.0.1");
    props.put(SyslogSourceConfig.PORT_CONFIG, Integer.toString(running.port));
    props.putAll(settings);
    running.task.start(props);
    return running;
  }

  /** A port free for both TCP and UDP on 127.0.0.1. */
  static int freePort() {
    for (int attempt = 0; attempt < 20; attempt++) {
      try (ServerSocket tcp = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        int port = tcp.getLocalPort();
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
          return port;
        } catch (IOException e) {
          // taken for UDP: try another
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no port free for both TCP and UDP");
  }

  /** Polls until {@code count} records came in all, and returns them all. */
  List<SourceRecord> awaitRecords(int count) {
    await(count + " records from the syslog task")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(1))
        .until(() -> pollOnce().size() >= count);
    return List.copyOf(records);
  }

  /** Polls once, as Connect does; every record polled so far. */
  List<SourceRecord> pollOnce() throws InterruptedException {
    List<SourceRecord> polled = task.poll();
    if (polled != null) {
      records.addAll(polled);
      events.addAll(events(polled));
    }
    return List.copyOf(records);
  }

  /** The events of {@link #awaitRecords}, as JSON. */
  List<JsonNode> awaitEvents(int count) {
    awaitRecords(count);
    return List.copyOf(events);
  }

  /** Polls once; every event polled so far, as JSON. */
  List<JsonNode> eventsSoFar() throws InterruptedException {
    pollOnce();
    return List.copyOf(events);
  }

  private static List<JsonNode> events(List<SourceRecord> records) {
    List<JsonNode> events = new ArrayList<>();
    for (SourceRecord r : records) {
      try {
        events.add(JSON.readTree((String) r.value()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return events;
  }

  SyslogMetricsMBean metrics() {
    return task.metrics();
  }

  @Override
  public void close() {
    task.stop();
  }
}
