package dev.railyard.embedded.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft broker (combined broker and controller) running in this JVM. Its listeners
 * have neither encryption nor authentication, so it listens on a loopback address only: a Kafka
 * that other machines use is a real, secured cluster.
 *
 * <p>The first start formats the storage under {@code <dataDir>} with a new cluster id; later
 * starts on the same directory reuse it, so topics and records survive restarts. Instances are not
 * thread-safe for start/stop, but {@link #bootstrapServers()} may be read from any thread.
 */
public final class EmbeddedBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
  private static final int NODE_ID = 1;
  private static final String CONTROLLER_LISTENER = "CONTROLLER";

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private final Path logDir;
  private boolean started;
  private boolean closed;

  private EmbeddedBroker(KafkaRaftServer server, String bootstrapServers, Path logDir) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
    this.logDir = logDir;
  }

  /**
   * Formats the storage if needed and starts the broker; returns once it answers clients.
   *
   * @param dataDir the directory that holds the broker's logs; created if missing
   * @param host the loopback address to listen on, e.g. {@code 127.0.0.1}
   * @param port the client port; 0 picks a free one
   * @param readyTimeout how long to wait for the broker to answer
   * @param overrides broker properties that replace the defaults (may be empty, never null)
   */
  public static EmbeddedBroker start(
      Path dataDir, String host, int port, Duration readyTimeout, Map<String, String> overrides) {
    EmbeddedBroker broker = prepare(dataDir, host, port, overrides);
    broker.startup(readyTimeout);
    return broker;
  }

  /**
   * Chooses the ports and formats the storage if needed, without starting the broker, so that
   * clients can be launched with {@link #bootstrapServers()} while it starts.
   *
   * @throws IllegalArgumentException if {@code host} is not a loopback address, or {@code
   *     overrides} set the listeners
   */
  public static EmbeddedBroker prepare(
      Path dataDir, String host, int port, Map<String, String> overrides) {
    if (!isLoopback(host)) {
      throw new IllegalArgumentException(
          "The embedded broker listens on a loopback address only (it has no authentication): "
              + host
              + " is not one; use 127.0.0.1, or a secured Kafka cluster for other machines");
    }
    for (String key : List.of("listeners", "advertised.listeners", "controller.quorum.voters")) {
      if (overrides.containsKey(key)) {
        throw new IllegalArgumentException(
            "The embedded broker chooses its own " + key + " (on " + host + ")");
      }
    }
    Path logDir = dataDir.toAbsolutePath();
    int clientPort = port == 0 ? freePort(host) : port;
    // the OS may hand out the port it just gave for the client again: it is not bound yet
    int controllerPort = freePort(host);
    while (controllerPort == clientPort) {
      controllerPort = freePort(host);
    }
    Properties props = brokerProperties(logDir, host, clientPort, controllerPort);
    props.putAll(overrides);
    KafkaConfig config = KafkaConfig.fromProps(props, false);
    formatIfNeeded(logDir, config);
    return new EmbeddedBroker(
        new KafkaRaftServer(config, Time.SYSTEM), host + ":" + clientPort, logDir);
  }

  /** Starts a prepared broker; returns once it answers clients, else stops it and throws. */
  public void startup(Duration readyTimeout) {
    started = true;
    try {
      server.startup();
      awaitReady(readyTimeout);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    log.debug("Kafka broker ready at {} (data in {})", bootstrapServers, logDir);
  }

  /** The {@code host:port} that clients connect to. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The directory holding the broker's log segments and metadata. */
  public Path logDir() {
    return logDir;
  }

  /** Stops the broker and waits for its threads to finish. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!started) {
      return;
    }
    server.shutdown();
    server.awaitShutdown();
    log.info("Kafka broker stopped");
  }

  /**
   * The settings of a single-node KRaft broker with a plaintext client listener: internal topics of
   * one replica and few partitions, a small cleaner buffer, few threads. Tests that need another
   * listener start from these and replace the listener keys.
   */
  public static Properties brokerProperties(
      Path logDir, String host, int clientPort, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://"
            + host
            + ":"
            + clientPort
            + ","
            + CONTROLLER_LISTENER
            + "://"
            + host
            + ":"
            + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + clientPort);
    p.put("controller.listener.names", CONTROLLER_LISTENER);
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put(
        "listener.security.protocol.map",
        "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    p.put("offsets.topic.replication.factor", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("default.replication.factor", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    // One node needs no 50-way spread of the internal topics; loading 50 partitions was a
    // visible part of every restart.
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.num.partitions", "5");
    // a transaction past its timeout (a worker killed inside one) is aborted at the next check: 1 s
    // rather than 10 s, since a restarted worker reading read-committed waits for it
    p.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
    p.put("share.coordinator.state.topic.num.partitions", "5");
    // Topics are created by Railyard with the partitions it wants, never by a typo in a client.
    p.put("auto.create.topics.enable", "false");
    // The 128 MiB default dedupe buffer alone held ~160 MiB of heap on a one-machine install.
    p.put("log.cleaner.dedupe.buffer.size", "2097152");
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "4");
    return p;
  }

  private static void formatIfNeeded(Path logDir, KafkaConfig config) {
    if (Files.exists(logDir.resolve("meta.properties"))) {
      return;
    }
    try {
      Files.createDirectories(logDir);
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setNodeId(NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .setDirectories(List.of(logDir.toString()))
          .setMetadataLogDirectory(logDir.toString())
          .setControllerListenerName(CONTROLLER_LISTENER)
          .setReleaseVersion(MetadataVersion.latestProduction())
          .run();
      log.info("Formatted new Kafka storage in {}", logDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the Kafka data directory " + logDir, e);
    } catch (Exception e) {
      throw new IllegalStateException(
          "Cannot format Kafka storage in " + logDir + ": " + e.getMessage(), e);
    }
  }

  private void awaitReady(Duration timeout) {
    Map<String, Object> conf =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    try (Admin admin = Admin.create(conf)) {
      admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "Kafka broker at " + bootstrapServers + " did not answer within " + timeout, e);
    }
  }

  /** Whether {@code host} names a loopback address ({@code 127.0.0.0/8}, {@code ::1}). */
  public static boolean isLoopback(String host) {
    try {
      for (InetAddress address : InetAddress.getAllByName(host)) {
        if (!address.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** A port that is free right now on {@code host}. */
  public static int freePort(String host) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(host, 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on " + host, e);
    }
  }
}
