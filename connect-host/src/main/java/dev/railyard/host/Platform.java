package dev.railyard.host;

import dev.railyard.api.ApiServer;
import dev.railyard.api.PlatformServices;
import dev.railyard.api.platform.PluginCatalog;
import dev.railyard.autoscale.actuate.WorkerActuator;
import dev.railyard.autoscale.kubernetes.KubernetesWorkerActuator;
import dev.railyard.embedded.broker.EmbeddedBroker;
import dev.railyard.host.autoscale.Autoscaling;
import dev.railyard.host.config.HttpConfig;
import dev.railyard.host.config.KafkaClientConfig;
import dev.railyard.host.config.LimitsConfig;
import dev.railyard.host.config.RailyardConfig;
import dev.railyard.host.config.SecretsConfig;
import dev.railyard.host.config.TargetsConfig;
import dev.railyard.host.connectors.ConfigGuard;
import dev.railyard.host.connectors.ConnectRest;
import dev.railyard.host.connectors.ConnectorService;
import dev.railyard.host.connectors.RestartSupervisor;
import dev.railyard.host.events.BusPublisher;
import dev.railyard.host.events.BusService;
import dev.railyard.host.events.BusTail;
import dev.railyard.host.events.BusTopics;
import dev.railyard.host.events.DiskReserve;
import dev.railyard.host.health.PlatformHealth;
import dev.railyard.host.kafka.KafkaClients;
import dev.railyard.host.kafka.TopicSettings;
import dev.railyard.host.rules.RuleLimits;
import dev.railyard.host.rules.RuleService;
import dev.railyard.host.security.ApiAccess;
import dev.railyard.host.security.AuditLog;
import dev.railyard.host.workers.RemoteConnect;
import dev.railyard.host.workers.WorkerPool;
import dev.railyard.host.workers.WorkerSetup;
import dev.railyard.rules.cloudevents.EventEntries;
import dev.railyard.rules.model.Topology;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Railyard control plane. {@link #start} brings it up stage by stage (broker, workers,
 * API) and logs each stage with its time; {@link #close} stops it in reverse order without losing
 * acknowledged events. Not thread-safe for start/close.
 */
public final class Platform implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Platform.class);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final RailyardConfig config;
  private String bootstrapServers;
  private WorkerPool workers;
  private WorkerPool.Launch launched;
  private RuleService rules;
  private ApiServer api;
  private boolean closed;

  private Platform(RailyardConfig config) {
    this.config = config;
  }

  /**
   * Starts every component; on failure stops what was started and rethrows.
   *
   * @throws IllegalStateException naming the stage that failed and why
   */
  public static Platform start(RailyardConfig config) {
    Platform platform = new Platform(config);
    try {
      platform.startStages();
      return platform;
    } catch (RuntimeException e) {
      platform.close();
      throw e;
    }
  }

  private void startStages() {
    long t0 = System.nanoTime();
    Path dataDir = config.dataDir().toAbsolutePath().normalize();
    Path logDir = dataDir.resolve("logs");
    Path pluginDir = dataDir.resolve("plugins");
    createDirectories(dataDir, logDir, pluginDir);
    log.info("Data directory {}", dataDir);
    SecretsConfig reach = SecretsConfig.of(config, dataDir);
    reach.createFolders();
    ConfigGuard guard = new ConfigGuard(reach);

    EmbeddedBroker broker = null;
    if (config.embeddedBroker()) {
      String host = config.getString(RailyardConfig.BROKER_HOST_CONFIG);
      broker =
          EmbeddedBroker.prepare(
              dataDir.resolve("kafka"),
              host,
              checkedPort(
                  host,
                  config.getInt(RailyardConfig.BROKER_PORT_CONFIG),
                  RailyardConfig.BROKER_PORT_CONFIG),
              Map.of());
      started.push(broker);
      bootstrapServers = broker.bootstrapServers();
    } else {
      bootstrapServers = config.getString(RailyardConfig.BOOTSTRAP_SERVERS_CONFIG);
    }
    // the one place the deployment's client settings are read: every control-plane client, the
    // workers and the plugins on them get them from here
    Map<String, String> security = config.kafkaClientSettings();
    if (!security.isEmpty()) {
      log.info("Kafka client settings: {}", KafkaClientConfig.masked(security));
    }
    KafkaClients clients = KafkaClients.of(security, bootstrapServers);
    Admin admin = clients.admin("admin");
    started.push(() -> admin.close(Duration.ofSeconds(5)));
    // the workers create their internal topics as they start: the replication is known before
    TopicSettings topicSettings = TopicSettings.of(config, broker == null ? admin : null);
    workers =
        WorkerSetup.pool(
            config, dataDir, logDir, pluginDir, bootstrapServers, security, reach, topicSettings);
    started.push(workers);
    int count = config.getInt(RailyardConfig.WORKERS_CONFIG);
    // Worker JVMs boot and load Connect while the broker starts; they wait for it to answer.
    launched = workers.launch(count);

    EmbeddedBroker embedded = broker;
    stage(
        "broker",
        () -> {
          if (embedded != null) {
            embedded.startup(Duration.ofSeconds(60));
          }
          return bootstrapServers + (embedded != null ? ", embedded" : "");
        });

    BusTopics topics =
        new BusTopics(
            admin,
            config.getInt(RailyardConfig.BUS_PARTITIONS_CONFIG),
            config.getBoolean(RailyardConfig.BUS_AUTO_CREATE_CONFIG),
            config.getInt(LimitsConfig.BUSES_CONFIG),
            topicSettings);
    stage(
        "default bus",
        () -> {
          topics.ensureExists(EventEntries.DEFAULT_BUS);
          return Topology.busTopic(EventEntries.DEFAULT_BUS);
        });

    stage(
        "workers",
        () -> {
          launched.awaitReady();
          return count + " running";
        });

    String connectUrl = config.getString(RailyardConfig.CONNECT_REST_URL_CONFIG);
    ConnectRest connect =
        new ConnectRest(
            connectUrl.isBlank() ? workers::connectRestUrl : () -> Optional.of(connectUrl));
    RestartSupervisor restarts = new RestartSupervisor(connect, Clock.systemUTC());
    started.push(restarts);
    restarts.start(Duration.ofMillis(config.getInt(RailyardConfig.RESTART_CHECK_INTERVAL_CONFIG)));
    ConnectorService connectors = new ConnectorService(connect, restarts, guard);
    PluginCatalog plugins =
        PluginSetup.catalog(config, dataDir, pluginDir, connectors, workers, started);

    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    WorkerActuator scaled = workers;
    String kubernetes = config.getString(RailyardConfig.KUBERNETES_TARGET_CONFIG);
    if (!kubernetes.isBlank()) {
      KubernetesWorkerActuator pods =
          KubernetesWorkerActuator.create(
              config.getString(RailyardConfig.KUBERNETES_NAMESPACE_CONFIG),
              kubernetes,
              0,
              config.getInt(RailyardConfig.WORKERS_MAX_CONFIG));
      started.push(pods);
      scaled = pods;
      log.info("Autoscaling the workers of {}", kubernetes);
    }
    Autoscaling autoscaling =
        new Autoscaling(
            config.autoscaleProperties(),
            count,
            config.getInt(RailyardConfig.WORKERS_MAX_CONFIG),
            admin,
            connect,
            connectors,
            scaled,
            scaled == workers ? workers : null,
            metrics);
    started.push(autoscaling);
    stage(
        "rules",
        () -> {
          rules =
              RuleService.start(
                  clients,
                  admin,
                  connect,
                  config.getInt(RailyardConfig.BUS_PARTITIONS_CONFIG),
                  metrics,
                  autoscaling::scaledTasks,
                  guard,
                  new RuleLimits(
                      config.getInt(LimitsConfig.RULES_CONFIG),
                      config.getInt(LimitsConfig.TARGETS_CONFIG),
                      config.getInt(LimitsConfig.REPLAYS_CONFIG),
                      config.getInt(LimitsConfig.RULE_QUEUE_CONFIG),
                      config.getInt(LimitsConfig.BUSES_CONFIG)),
                  topicSettings,
                  Duration.ofSeconds(config.getInt(TargetsConfig.SLEEP_AFTER_CONFIG)));
          started.push(rules);
          return rules.count() + " rule(s)";
        });

    BusPublisher publisher =
        new BusPublisher(clients, topics, metrics, DiskReserve.of(config, embedded != null));
    started.push(publisher);
    stage(
        "api",
        () -> {
          AuditLog audit =
              AuditLog.open(
                  logDir.resolve("audit.log"),
                  clients,
                  admin,
                  config.getBoolean(HttpConfig.AUDIT_PUT_EVENTS_CONFIG),
                  topicSettings);
          started.push(audit);
          api =
              ApiServer.start(
                      ApiAccess.options(
                          config,
                          checkedPort(
                              config.getString(RailyardConfig.HTTP_HOST_CONFIG),
                              config.getInt(RailyardConfig.HTTP_PORT_CONFIG),
                              RailyardConfig.HTTP_PORT_CONFIG)),
                      ApiAccess.open(config, dataDir, audit),
                      new PlatformServices(
                          new PlatformHealth(admin, bootstrapServers, workers, rules::health),
                          publisher,
                          connectUrl.isBlank() ? workers : new RemoteConnect(workers, connectUrl),
                          connectors,
                          plugins,
                          rules,
                          autoscaling.service(),
                          // the API already calls the platform on a worker thread
                          new BusTail(clients, Runnable::run),
                          new BusService(admin, topics, BusService.rulesByBus(rules))),
                      metrics)
                  .toCompletableFuture()
                  .get(30, TimeUnit.SECONDS);
          started.push(() -> api.close().toCompletableFuture().get(30, TimeUnit.SECONDS));
          return apiUrl();
        });
    autoscaling.start();
    // a slow Connect must not hold up the start for a warning
    CompletableFuture.runAsync(connectors::warnAboutStoredConfigs);
    log.info("Railyard is up in {}", seconds(System.nanoTime() - t0));
  }

  /** The file holding the admin token made on the first start, {@code <data.dir>/admin.token}. */
  public Path adminTokenFile() {
    return ApiAccess.adminTokenFile(config.dataDir().toAbsolutePath().normalize());
  }

  /** The Kafka cluster in use. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The base URL of the API, e.g. {@code http://127.0.0.1:8080} ({@code https} with TLS). */
  public String apiUrl() {
    String scheme = config.getString(HttpConfig.TLS_CERT_CONFIG).isBlank() ? "http" : "https";
    return scheme + "://" + config.getString(RailyardConfig.HTTP_HOST_CONFIG) + ":" + api.port();
  }

  public WorkerPool workers() {
    return workers;
  }

  /** Stops the API, then the workers (gracefully), then the producer and the broker. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (started.isEmpty()) {
      return;
    }
    long t0 = System.nanoTime();
    log.info("Stopping Railyard");
    if (workers != null) {
      workers.beginShutdown();
    }
    while (!started.isEmpty()) {
      AutoCloseable c = started.pop();
      try {
        c.close();
      } catch (Exception e) {
        log.warn("Error while stopping {}: {}", c.getClass().getSimpleName(), e.toString());
      }
    }
    log.info("Railyard stopped in {}", seconds(System.nanoTime() - t0));
  }

  private interface Stage {
    String run() throws Exception;
  }

  private static void stage(String name, Stage stage) {
    long t = System.nanoTime();
    try {
      String detail = stage.run();
      log.info(
          "{} ready in {} ({})",
          String.format("%-12s", name),
          seconds(System.nanoTime() - t),
          detail);
    } catch (Exception e) {
      throw new IllegalStateException(name + " failed to start: " + rootMessage(e), e);
    }
  }

  private static int checkedPort(String host, int port, String key) {
    if (port != 0 && !PortCheck.isFree(host, port)) {
      throw new IllegalStateException(
          "port "
              + host
              + ":"
              + port
              + " is already in use; "
              + "stop what uses it or set "
              + key
              + " to another port (0 picks a free one)");
    }
    return port;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t + ")";
  }

  private static String seconds(long nanos) {
    return String.format("%.1f s", nanos / 1e9);
  }

  private static void createDirectories(Path... dirs) {
    for (Path dir : dirs) {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot create directory " + dir, e);
      }
    }
  }
}
