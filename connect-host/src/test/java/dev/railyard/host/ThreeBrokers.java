package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.railyard.embedded.broker.EmbeddedBroker;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A Kafka cluster of three KRaft nodes, each a separate JVM running Kafka's own {@code kafka.Kafka}
 * ({@link KafkaNode}) with the roles broker and controller (a three-voter quorum), as a small
 * production cluster runs. Its defaults are Kafka's where they concern topics (replication factor
 * 1, {@code min.insync.replicas} 1), so whatever replication Railyard's topics have is Railyard's
 * doing. A node can be killed with SIGKILL and started again on its data. Not thread-safe.
 */
final class ThreeBrokers implements AutoCloseable {

  private static final String HOST = "127.0.0.1";
  private static final int NODES = 3;

  private final Path dir;
  private final int[] ports = new int[NODES];
  private final Process[] processes = new Process[NODES];

  private ThreeBrokers(Path dir) {
    this.dir = dir;
  }

  /** Formats the nodes' storage under {@code dir}, starts them and waits for all three. */
  static ThreeBrokers start(Path dir) {
    ThreeBrokers cluster = new ThreeBrokers(dir);
    try {
      cluster.configure();
      for (int node = 1; node <= NODES; node++) {
        cluster.launch(node);
      }
      cluster.awaitBrokers(NODES);
      return cluster;
    } catch (RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  String bootstrapServers() {
    StringJoiner servers = new StringJoiner(",");
    for (int port : ports) {
      servers.add(HOST + ":" + port);
    }
    return servers.toString();
  }

  Admin admin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers(),
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            30_000));
  }

  /** Kills node {@code node} (1..3) with SIGKILL and waits until its JVM is gone. */
  void kill(int node) {
    Process process = processes[node - 1];
    process.destroyForcibly();
    try {
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("node " + node + " gone").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    // 128 + 9: the JVM died of SIGKILL, it did not shut down
    assertThat(process.exitValue()).as("exit status of node " + node).isEqualTo(137);
  }

  /** Starts node {@code node} again on its data and waits until the cluster has it back. */
  void restart(int node) {
    launch(node);
    awaitBrokers(NODES);
  }

  /** The node leading partition {@code partition} of {@code topic}. */
  int leaderOf(String topic, int partition) {
    try (Admin admin = admin()) {
      TopicDescription d =
          admin.describeTopics(Set.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
      return d.partitions().get(partition).leader().id();
    } catch (Exception e) {
      throw new IllegalStateException("cannot describe " + topic, e);
    }
  }

  /** The replication factor and topic configs of {@code topic}, as the cluster has them. */
  TopicDescription describe(String topic) {
    try (Admin admin = admin()) {
      return admin
          .describeTopics(Set.of(topic))
          .allTopicNames()
          .get(30, TimeUnit.SECONDS)
          .get(topic);
    } catch (Exception e) {
      throw new IllegalStateException("cannot describe " + topic, e);
    }
  }

  @Override
  public void close() {
    for (Process p : processes) {
      if (p != null) {
        p.destroyForcibly();
      }
    }
    for (Process p : processes) {
      if (p != null) {
        try {
          p.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private void configure() {
    int[] controllers = new int[NODES];
    List<Integer> taken = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      ports[i] = freePort(taken);
      controllers[i] = freePort(taken);
    }
    StringJoiner voters = new StringJoiner(",");
    for (int i = 0; i < NODES; i++) {
      voters.add((i + 1) + "@" + HOST + ":" + controllers[i]);
    }
    String clusterId = Uuid.randomUuid().toString();
    for (int node = 1; node <= NODES; node++) {
      Path logDir = dir.resolve("node-" + node);
      Properties p =
          EmbeddedBroker.brokerProperties(logDir, HOST, ports[node - 1], controllers[node - 1]);
      p.put("node.id", String.valueOf(node));
      p.put("controller.quorum.voters", voters.toString());
      // the cluster's own internal topics are replicated; topics' defaults stay Kafka's
      p.put("offsets.topic.replication.factor", "3");
      p.put("transaction.state.log.replication.factor", "3");
      p.put("transaction.state.log.min.isr", "2");
      p.put("share.coordinator.state.topic.replication.factor", "3");
      p.put("share.coordinator.state.topic.min.isr", "2");
      p.remove("default.replication.factor");
      // a dead node is fenced, and its partitions led elsewhere, after 6 s rather than 9
      p.put("broker.session.timeout.ms", "6000");
      p.put("num.network.threads", "1");
      p.put("num.io.threads", "2");
      p.put("num.replica.fetchers", "1");
      format(logDir, node, clusterId);
      try (OutputStream out = Files.newOutputStream(dir.resolve("node-" + node + ".properties"))) {
        p.store(out, "node " + node + " of ThreeBrokers");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void format(Path logDir, int node, String clusterId) {
    try {
      Files.createDirectories(logDir);
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setNodeId(node)
          .setClusterId(clusterId)
          .setDirectories(List.of(logDir.toString()))
          .setMetadataLogDirectory(logDir.toString())
          .setControllerListenerName("CONTROLLER")
          .setReleaseVersion(MetadataVersion.latestProduction())
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("cannot format the storage of node " + node, e);
    }
  }

  private void launch(int node) {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xms128m",
            "-Xmx320m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            KafkaNode.class.getName(),
            dir.resolve("node-" + node + ".properties").toString());
    try {
      processes[node - 1] =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(dir.resolve("node-" + node + ".log").toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start node " + node, e);
    }
  }

  private void awaitBrokers(int count) {
    try (Admin admin = admin()) {
      await(count + " brokers in the cluster at " + bootstrapServers())
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptions()
          .until(() -> admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size() == count);
    }
  }

  private static int freePort(List<Integer> taken) {
    int port = EmbeddedBroker.freePort(HOST);
    while (taken.contains(port)) {
      port = EmbeddedBroker.freePort(HOST);
    }
    taken.add(port);
    return port;
  }
}
