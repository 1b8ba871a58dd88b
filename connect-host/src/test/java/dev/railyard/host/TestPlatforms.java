package dev.railyard.host;

import dev.railyard.host.config.RailyardConfig;
import dev.railyard.host.config.SecretsConfig;
import dev.railyard.host.config.TargetsConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Starting whole platforms in tests: ephemeral ports, a private data directory. */
final class TestPlatforms {

  /**
   * The test workers' JVM options: a short life and little traffic, so the C1 compiler alone and
   * the serial collector, which spend a fraction of the CPU a full JIT and parallel GC threads do
   * (the ITs run two at a time on two cores; ThreeBrokers' nodes run so too).
   */
  static final String WORKER_JVM_OPTIONS = "-Xmx384m,-XX:TieredStopAtLevel=1,-XX:+UseSerialGC";

  private TestPlatforms() {}

  static Platform start(Path dataDir, int workers, Map<String, String> extra) {
    Map<String, String> props = new HashMap<>();
    props.put(RailyardConfig.DATA_DIR_CONFIG, dataDir.toString());
    props.put(RailyardConfig.HTTP_PORT_CONFIG, "0");
    props.put(RailyardConfig.BROKER_PORT_CONFIG, "0");
    props.put(RailyardConfig.WORKERS_CONFIG, String.valueOf(workers));
    props.put(RailyardConfig.WORKERS_JVM_OPTIONS_CONFIG, WORKER_JVM_OPTIONS);
    // the autoscaler would change tasks and workers under tests that count them; AutoscaleIT and
    // the tests that want it turn it on
    props.put("autoscale.enabled", "false");
    // the ITs put events and apply rules as fast as they can; rate limits have tests of their own
    props.put("http.rate.limit.events.per.second", "0");
    props.put("http.rate.limit.writes.per.second", "0");
    // and put more than EventBridge's 10 entries per call
    props.put("events.max.entries", "1000");
    props.put("events.max.request.bytes", String.valueOf(10 * 1024 * 1024));
    // the ITs write their FileStream files straight into their data folder; ConnectorSecretsIT
    // sets files.dir empty to test the default
    props.put(SecretsConfig.FILES_DIR_CONFIG, dataDir.toString());
    // most ITs look at the connectors of rule targets right after applying a rule; a sleeping
    // target has none until its first event. TargetSleepIT runs with targets that sleep, and
    // -Dit.sleep=300 runs every IT so (RoutingIT, DeliveryIT and ParkedDeliveryIT pass that way)
    props.put(TargetsConfig.SLEEP_AFTER_CONFIG, System.getProperty("it.sleep", "0"));
    props.putAll(extra);
    return Platform.start(new RailyardConfig(props, "test"));
  }

  static Path tempDir() {
    try {
      return Files.createTempDirectory("railyard-it-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
