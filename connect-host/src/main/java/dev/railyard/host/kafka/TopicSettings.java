package dev.railyard.host.kafka;

import dev.railyard.host.config.RailyardConfig;
import dev.railyard.host.config.TopicsConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one home of how the topics Railyard creates are replicated: every {@link NewTopic} of the
 * control plane comes from {@link #newTopic}, and the workers' internal topics and Connect's
 * dead-letter topics get the same replication factor and {@code min.insync.replicas} ({@link
 * #workerProperties}, {@link #replicationFactor}). Immutable.
 *
 * @param replicationFactor replicas of each partition; -1 the broker's default (tests only)
 * @param minInsyncReplicas replicas that must hold a write before acks=all answers; -1 the broker's
 *     default
 */
public record TopicSettings(short replicationFactor, int minInsyncReplicas) {

  private static final Logger log = LoggerFactory.getLogger(TopicSettings.class);

  /** Topics as the broker's defaults make them: for unit tests on a mock cluster. */
  public static final TopicSettings BROKER_DEFAULTS = new TopicSettings((short) -1, -1);

  /** The most replicas Railyard asks for when it decides. */
  static final int AUTO_REPLICAS = 3;

  /**
   * The settings for a cluster of {@code liveBrokers}, from the {@link TopicsConfig} values.
   *
   * @throws ConfigException naming the setting that the cluster cannot hold
   */
  public static TopicSettings resolve(
      int replicationFactor, int minInsyncReplicas, int liveBrokers) {
    int replicas =
        replicationFactor == TopicsConfig.AUTO
            ? Math.max(1, Math.min(AUTO_REPLICAS, liveBrokers))
            : replicationFactor;
    if (replicas > liveBrokers) {
      throw new ConfigException(
          TopicsConfig.REPLICATION_FACTOR_CONFIG,
          replicationFactor,
          "the cluster has "
              + liveBrokers
              + " live broker(s), too few to hold that many replicas; start more brokers or set"
              + " it to at most "
              + liveBrokers
              + " (-1 lets the cluster decide)");
    }
    int insync =
        minInsyncReplicas == TopicsConfig.AUTO ? (replicas >= 3 ? 2 : 1) : minInsyncReplicas;
    if (insync > replicas) {
      throw new ConfigException(
          TopicsConfig.MIN_INSYNC_REPLICAS_CONFIG,
          minInsyncReplicas,
          "cannot exceed the replication factor ("
              + replicas
              + "): no write could ever be acknowledged");
    }
    return new TopicSettings((short) replicas, insync);
  }

  /**
   * The settings of a deployment, from its {@link TopicsConfig} settings and, where they let the
   * cluster decide, the brokers alive now.
   *
   * @param cluster the cluster to ask; null for the embedded broker, which is one
   * @throws ConfigException naming the setting that the cluster cannot hold
   */
  public static TopicSettings of(RailyardConfig config, Admin cluster) {
    int brokers = 1;
    if (cluster != null) {
      try {
        brokers = cluster.describeCluster().nodes().get(60, TimeUnit.SECONDS).size();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while asking Kafka for its brokers", e);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("Kafka did not say how many brokers it has: " + e, e);
      }
    }
    TopicSettings settings =
        resolve(
            config.getInt(TopicsConfig.REPLICATION_FACTOR_CONFIG),
            config.getInt(TopicsConfig.MIN_INSYNC_REPLICAS_CONFIG),
            brokers);
    log.info("Topics: {} ({} live broker(s))", settings, brokers);
    return settings;
  }

  /** A new topic of {@code partitions} with these settings. */
  public NewTopic newTopic(String name, int partitions) {
    return newTopic(name, partitions, Map.of());
  }

  /** A new topic of {@code partitions} with these settings and further topic configs. */
  public NewTopic newTopic(String name, int partitions, Map<String, String> configs) {
    Map<String, String> all = new LinkedHashMap<>(topicConfigs());
    all.putAll(configs);
    return new NewTopic(name, Optional.of(partitions), Optional.of(replicationFactor)).configs(all);
  }

  /** The topic configs these settings give a new topic. */
  public Map<String, String> topicConfigs() {
    return minInsyncReplicas < 0
        ? Map.of()
        : Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(minInsyncReplicas));
  }

  /**
   * The Connect worker properties that give the workers' config, offset and status topics these
   * settings (Connect passes {@code <store>.storage.<topic config>} on to the topic it creates).
   */
  public Map<String, String> workerProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    for (String store : new String[] {"config", "offset", "status"}) {
      p.put(store + ".storage.replication.factor", String.valueOf(replicationFactor));
      if (minInsyncReplicas >= 0) {
        p.put(
            store + ".storage." + TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
            String.valueOf(minInsyncReplicas));
      }
    }
    return p;
  }

  @Override
  public String toString() {
    return "replication factor " + replicationFactor + ", min.insync.replicas " + minInsyncReplicas;
  }
}
