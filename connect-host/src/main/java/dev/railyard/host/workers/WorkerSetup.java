package dev.railyard.host.workers;

import dev.railyard.embedded.worker.WorkerSettings;
import dev.railyard.host.config.RailyardConfig;
import dev.railyard.host.config.SecretsConfig;
import dev.railyard.host.kafka.TopicSettings;
import dev.railyard.host.kafka.WorkerClientSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the worker pool from the host's settings: the Connect worker properties every worker
 * shares (the cluster, its client settings behind Railyard's config provider, the plugin path, the
 * restricted config providers) and where the workers keep their files and logs.
 */
public final class WorkerSetup {

  private WorkerSetup() {}

  /**
   * @param security the Kafka client settings of a secured cluster, or empty
   * @param reach where connector configs may reach: secrets and the env pattern
   * @param topics how the workers' internal topics are replicated
   */
  public static WorkerPool pool(
      RailyardConfig config,
      Path dataDir,
      Path logDir,
      Path pluginDir,
      String bootstrapServers,
      Map<String, String> security,
      SecretsConfig reach,
      TopicSettings topics) {
    Path workerDir = dataDir.resolve("workers");
    Map<String, String> overrides =
        new HashMap<>(
            WorkerClientSettings.declare(
                workerDir.resolve(WorkerClientSettings.FILE_NAME), security));
    // the internal topics replicated as Railyard's own; a worker.* setting still wins
    overrides.putAll(topics.workerProperties());
    overrides.putAll(config.workerOverrides());
    WorkerSettings settings =
        new WorkerSettings(
            bootstrapServers,
            config.getString(RailyardConfig.CONNECT_GROUP_CONFIG),
            pluginDir,
            config.getInt(RailyardConfig.WORKERS_REBALANCE_DELAY_CONFIG),
            security,
            overrides,
            reach.secretsDir(),
            reach.secretsEnvPattern().pattern());
    return new WorkerPool(
        settings.toProperties(),
        workerDir,
        logDir,
        config.getList(RailyardConfig.WORKERS_JVM_OPTIONS_CONFIG),
        config.getInt(RailyardConfig.WORKERS_MAX_CONFIG),
        reach.secretsEnvPattern());
  }
}
