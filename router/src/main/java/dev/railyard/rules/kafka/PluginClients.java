package dev.railyard.rules.kafka;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The one source of the Kafka clients Railyard's plugins make on a worker, beside the ones Connect
 * gives them. Its settings come from the connector's config: {@value #BOOTSTRAP_CONFIG}, and for a
 * secured cluster one {@value #CLIENT_PREFIX}{@code <key>} entry per {@code security.protocol},
 * {@code ssl.*} or {@code sasl.*} setting, which every such client gets.
 *
 * <p>Railyard writes those entries as references to the workers' {@link ClientSettingsProvider}
 * ({@link #connectorConfig}), never as values: connector configs are readable by anyone who can
 * read Connect's REST API, and Connect resolves a reference only inside the worker.
 *
 * <p>Immutable and thread-safe; the clients it returns are the caller's to close.
 */
public final class PluginClients {

  /** The connector config key of the cluster the plugins' clients talk to. */
  public static final String BOOTSTRAP_CONFIG = "railyard.bootstrap.servers";

  /** The prefix of the connector config keys of the clients' security settings. */
  public static final String CLIENT_PREFIX = "railyard.kafka.";

  private final Map<String, Object> settings;

  /**
   * @param settings client settings every client gets; must hold {@code bootstrap.servers}
   */
  public PluginClients(Map<String, ?> settings) {
    Objects.requireNonNull(
        settings.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG), "bootstrap.servers");
    this.settings = Map.copyOf(settings);
  }

  /** Clients of the cluster at {@code bootstrapServers}, as a connector's config names it. */
  public static PluginClients of(String bootstrapServers) {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    return new PluginClients(
        Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  /**
   * Clients made from a connector's (resolved) config: {@value #BOOTSTRAP_CONFIG} and the {@value
   * #CLIENT_PREFIX}{@code *} entries without their prefix.
   */
  public static PluginClients fromConnectorConfig(Map<String, ?> config) {
    Object bootstrap = config.get(BOOTSTRAP_CONFIG);
    Objects.requireNonNull(bootstrap, BOOTSTRAP_CONFIG);
    Map<String, Object> settings = new HashMap<>();
    config.forEach(
        (k, v) -> {
          if (k.startsWith(CLIENT_PREFIX) && v != null) {
            settings.put(k.substring(CLIENT_PREFIX.length()), v);
          }
        });
    settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return new PluginClients(settings);
  }

  /**
   * The entries a connector config needs for {@link #fromConnectorConfig} to make clients of the
   * cluster at {@code bootstrapServers} with the security settings named: each a reference that the
   * workers' {@link ClientSettingsProvider} resolves, so no secret is stored in the config.
   *
   * @param securityKeys the client settings the workers' settings file holds, e.g. {@code
   *     sasl.jaas.config}; empty for an unsecured cluster
   */
  public static Map<String, String> connectorConfig(
      String bootstrapServers, Set<String> securityKeys) {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Map<String, String> config = new LinkedHashMap<>();
    config.put(BOOTSTRAP_CONFIG, bootstrapServers);
    for (String key : new TreeSet<>(securityKeys)) {
      config.put(CLIENT_PREFIX + key, ClientSettingsProvider.reference(key));
    }
    return config;
  }

  /** Whether a connector config key is one of {@link #connectorConfig}'s. */
  public static boolean isClientKey(String key) {
    return key.equals(BOOTSTRAP_CONFIG) || key.startsWith(CLIENT_PREFIX);
  }

  /** The settings every client gets, secrets included: never log them. Unmodifiable. */
  public Map<String, Object> settings() {
    return settings;
  }

  /** The cluster the clients talk to. */
  public String bootstrapServers() {
    return String.valueOf(settings.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
  }

  /** An admin client. */
  public Admin admin(String clientId) {
    return Admin.create(base(clientId));
  }

  /**
   * A consumer that never commits on its own.
   *
   * @param group its consumer group, or null for one that only assigns partitions by hand
   * @param extra further consumer settings, e.g. {@code max.poll.records}; they win
   */
  public <K, V> Consumer<K, V> consumer(
      String clientId,
      String group,
      Deserializer<K> keys,
      Deserializer<V> values,
      Map<String, Object> extra) {
    Map<String, Object> config = base(clientId);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    if (group != null) {
      config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    }
    config.putAll(extra);
    return new KafkaConsumer<>(config, keys, values);
  }

  /**
   * A producer whose every write is acknowledged by all in-sync replicas and idempotent.
   *
   * @param extra further producer settings, e.g. {@code linger.ms}; they win
   */
  public <K, V> Producer<K, V> reliableProducer(
      String clientId, Serializer<K> keys, Serializer<V> values, Map<String, Object> extra) {
    Map<String, Object> config = base(clientId);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.putAll(extra);
    return new KafkaProducer<>(config, keys, values);
  }

  private Map<String, Object> base(String clientId) {
    Map<String, Object> config = new HashMap<>(settings);
    config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
    return config;
  }
}
