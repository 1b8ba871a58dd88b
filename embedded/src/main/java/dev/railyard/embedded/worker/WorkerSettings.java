package dev.railyard.embedded.worker;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kafka Connect distributed-worker properties every Railyard worker shares: one Connect group,
 * its internal topics, the plugin store as {@code plugin.path} with {@code service_load} discovery,
 * and the rebalance delay the caller chose (Railyard's is 0: the tasks of a departed worker move in
 * the rebalance of its leave).
 *
 * <p>The client settings of a secured cluster ({@code security.protocol}, {@code ssl.*}, {@code
 * sasl.*}) are given at the worker level, for Connect's own clients (group membership, its internal
 * topics), and again under {@value #CLIENT_PREFIXES}, which is all that the clients Connect makes
 * for connectors (tasks' producers and consumers, dead-letter queues, topic creation) inherit. The
 * properties then hold secrets: {@link WorkerProcess} writes them readable by their owner only.
 *
 * @param bootstrapServers the Kafka cluster the workers use, never null
 * @param groupId the Connect group, also the prefix of its internal topics
 * @param pluginPath the plugin store folder; created by the caller
 * @param rebalanceDelayMs {@code scheduled.rebalance.max.delay.ms}: how long the tasks of a worker
 *     that left stay unassigned waiting for it to come back
 * @param clientSettings the Kafka client settings every client of the workers gets besides {@code
 *     bootstrap.servers}, unprefixed; empty for an unsecured cluster, never null
 * @param overrides worker properties that replace the defaults, never null
 * @param secretsDir the only folder the {@code file} and {@code directory} config providers read
 *     (their {@code allowed.paths}, KIP-993); null: any
 * @param secretsEnvPattern the only environment variables the {@code env} config provider reads
 *     (its {@code allowlist.pattern}, KIP-887); null: any
 */
public record WorkerSettings(
    String bootstrapServers,
    String groupId,
    Path pluginPath,
    int rebalanceDelayMs,
    Map<String, String> clientSettings,
    Map<String, String> overrides,
    Path secretsDir,
    String secretsEnvPattern) {

  /** The worker config providers Railyard declares, before any the caller adds. */
  public static final String CONFIG_PROVIDERS = "file,directory,env";

  /** Where Connect looks for the settings of the clients it makes for connectors. */
  public static final String CLIENT_PREFIXES = "producer., consumer., admin.";

  private static final List<String> PREFIXES = List.of("producer.", "consumer.", "admin.");

  public WorkerSettings {
    clientSettings = Map.copyOf(clientSettings);
    overrides = Map.copyOf(overrides);
  }

  /** Settings of workers whose config providers read any file and variable. */
  public WorkerSettings(
      String bootstrapServers,
      String groupId,
      Path pluginPath,
      int rebalanceDelayMs,
      Map<String, String> clientSettings,
      Map<String, String> overrides) {
    this(
        bootstrapServers,
        groupId,
        pluginPath,
        rebalanceDelayMs,
        clientSettings,
        overrides,
        null,
        null);
  }

  /** Settings of workers on an unsecured cluster. */
  public WorkerSettings(
      String bootstrapServers,
      String groupId,
      Path pluginPath,
      int rebalanceDelayMs,
      Map<String, String> overrides) {
    this(bootstrapServers, groupId, pluginPath, rebalanceDelayMs, Map.of(), overrides);
  }

  /** The worker properties, defaults first, then the overrides. */
  public Map<String, String> toProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("bootstrap.servers", bootstrapServers);
    p.put("group.id", groupId);
    p.put("config.storage.topic", groupId + ".connect.configs");
    p.put("offset.storage.topic", groupId + ".connect.offsets");
    p.put("status.storage.topic", groupId + ".connect.status");
    // -1: the cluster's default replication factor; Railyard's host overrides them with its
    // topics.* settings
    p.put("config.storage.replication.factor", "-1");
    p.put("offset.storage.replication.factor", "-1");
    p.put("status.storage.replication.factor", "-1");
    p.put("offset.storage.partitions", "5");
    p.put("status.storage.partitions", "3");
    // Events on a bus are CloudEvents JSON text; strings keep them readable end to end.
    p.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    p.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    p.put("listeners", "http://127.0.0.1:0");
    p.put("rest.advertised.host.name", "127.0.0.1");
    p.put("plugin.path", pluginPath.toAbsolutePath().toString());
    // Scanning every jar took 4.3 s and 870 MB per worker start; ServiceLoader manifests take 1.2
    // s.
    p.put("plugin.discovery", "service_load");
    p.put("scheduled.rebalance.max.delay.ms", String.valueOf(rebalanceDelayMs));
    p.put("heartbeat.interval.ms", "1000");
    p.put("session.timeout.ms", "10000");
    p.put("offset.flush.interval.ms", "5000");
    // a task still in put() when it is stopped (a rebalance, a tasks.max change) is abandoned
    // after this, and goes on sending while its replacement sends the same records again:
    // Connect's 5 s is one slow batch
    p.put("task.shutdown.graceful.timeout.ms", "15000");
    // with exactly-once source support a task killed inside its transaction leaves it open, and a
    // restarted worker reads the offsets topic read-committed, so it starts only once the broker
    // has aborted that transaction: after the producer's transaction.timeout.ms, 60 s by default
    // (measured: 65-69 s to healthy after a SIGKILL). A source task's transaction holds one
    // poll's records, so 10 s is ample and bounds that wait.
    p.put("producer.transaction.timeout.ms", "10000");
    p.put("connector.client.config.override.policy", "All");
    p.put("config.providers", CONFIG_PROVIDERS);
    p.put(
        "config.providers.file.class",
        "org.apache.kafka.common.config.provider.FileConfigProvider");
    p.put(
        "config.providers.directory.class",
        "org.apache.kafka.common.config.provider.DirectoryConfigProvider");
    p.put(
        "config.providers.env.class",
        "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
    // so that even a config written straight to a worker reads no other file or variable
    if (secretsDir != null) {
      String allowed = secretsDir.toAbsolutePath().normalize().toString();
      p.put("config.providers.file.param.allowed.paths", allowed);
      p.put("config.providers.directory.param.allowed.paths", allowed);
    }
    if (secretsEnvPattern != null) {
      p.put("config.providers.env.param.allowlist.pattern", secretsEnvPattern);
    }
    clientSettings.forEach(
        (key, value) -> {
          p.put(key, value);
          PREFIXES.forEach(prefix -> p.put(prefix + key, value));
        });
    p.putAll(overrides);
    return p;
  }
}
