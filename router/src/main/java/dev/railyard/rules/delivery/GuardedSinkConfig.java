package dev.railyard.rules.delivery;

import dev.railyard.rules.connect.RouterConfig;
import dev.railyard.rules.kafka.PluginClients;
import dev.railyard.rules.model.RetryPolicy;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The settings of the delivery guard; Railyard writes them when it creates a rule target's sink
 * connector. Every other key of the config belongs to the hosted sink connector and reaches it
 * unchanged.
 */
public final class GuardedSinkConfig extends AbstractConfig {

  public static final String DELEGATE_CLASS_CONFIG = "railyard.delegate.class";
  public static final String DELEGATE_CLASS_DOC =
      "The hosted sink connector that delivers the target's records "
          + "(its class name or alias, as it would be given in connector.class).";

  public static final String DELEGATE_TASK_CLASS_CONFIG = "railyard.delegate.task.class";
  public static final String DELEGATE_TASK_CLASS_DOC =
      "Set by the guard in its task configs: the task class of the hosted connector.";

  public static final String TASK_INDEX_CONFIG = "railyard.task.index";
  public static final String TASK_INDEX_DOC =
      "Set by the guard in its task configs: the task's number, from 0. Task i reads the "
          + "partitions p of the retry topic with p % count == i; -1 reads them all.";

  public static final String TASK_COUNT_CONFIG = "railyard.task.count";
  public static final String TASK_COUNT_DOC =
      "Set by the guard in its task configs: how many tasks the connector runs.";

  public static final String RULE_CONFIG = "railyard.rule";
  public static final String RULE_DOC =
      "The rule of this target, written into the headers of its dead letters.";

  public static final String TARGET_CONFIG = "railyard.target";
  public static final String TARGET_DOC =
      "The target's name, written into the headers of its dead letters.";

  /** The same key as the router's: both are written by Railyard with the platform's cluster. */
  public static final String BOOTSTRAP_CONFIG = RouterConfig.BOOTSTRAP_CONFIG;

  public static final String BOOTSTRAP_DOC =
      "The Kafka cluster holding the delivery and dead-letter topics.";

  public static final String MAX_ATTEMPTS_CONFIG = "railyard.retry.max.attempts";
  public static final String MAX_ATTEMPTS_DOC =
      "Retries of a record after its first failed attempt.";

  public static final String MAX_AGE_CONFIG = "railyard.retry.max.age.ms";
  public static final String MAX_AGE_DOC =
      "How old a record (by its timestamp in the delivery topic) may get while it is retried.";

  public static final String BACKOFF_INITIAL_CONFIG = "railyard.retry.backoff.initial.ms";
  public static final String BACKOFF_INITIAL_DOC =
      "The wait before the first retry; it doubles with each retry.";

  public static final String BACKOFF_MAX_CONFIG = "railyard.retry.backoff.max.ms";
  public static final String BACKOFF_MAX_DOC = "The longest wait between two attempts.";

  public static final String DEAD_LETTER_TOPIC_CONFIG = "railyard.dead.letter.topic";
  public static final String DEAD_LETTER_TOPIC_DOC =
      "Where records go once their retries are spent; empty to drop them (logged).";

  public static final String IN_ORDER_CONFIG = "railyard.retry.in.order";
  public static final String IN_ORDER_DOC =
      "true: a failing record is retried before any later record of its partition; false: it is "
          + "parked in the retry topic while the records after it go on.";

  public static final String RETRY_TOPIC_CONFIG = "railyard.retry.topic";
  public static final String RETRY_TOPIC_DOC =
      "Where failed records wait for their next attempt when the policy is not in order; with an "
          + "in-order policy, records parked there earlier are still delivered. Empty for none.";

  public static final String STATS_INTERVAL_CONFIG = RouterConfig.STATS_INTERVAL_CONFIG;
  public static final String STATS_INTERVAL_DOC =
      "How often the task writes its count of failed delivery "
          + "attempts to the stats topic when it changed.";

  public static final ConfigDef CONFIG_DEF =
      new ConfigDef()
          .define(
              DELEGATE_CLASS_CONFIG,
              Type.STRING,
              ConfigDef.NO_DEFAULT_VALUE,
              new ConfigDef.NonEmptyString(),
              Importance.HIGH,
              DELEGATE_CLASS_DOC)
          .define(
              DELEGATE_TASK_CLASS_CONFIG, Type.STRING, "", Importance.LOW, DELEGATE_TASK_CLASS_DOC)
          .define(TASK_INDEX_CONFIG, Type.INT, -1, Importance.LOW, TASK_INDEX_DOC)
          .define(TASK_COUNT_CONFIG, Type.INT, 1, Range.atLeast(1), Importance.LOW, TASK_COUNT_DOC)
          .define(
              RULE_CONFIG,
              Type.STRING,
              ConfigDef.NO_DEFAULT_VALUE,
              new ConfigDef.NonEmptyString(),
              Importance.HIGH,
              RULE_DOC)
          .define(
              TARGET_CONFIG,
              Type.STRING,
              ConfigDef.NO_DEFAULT_VALUE,
              new ConfigDef.NonEmptyString(),
              Importance.HIGH,
              TARGET_DOC)
          .define(
              BOOTSTRAP_CONFIG,
              Type.STRING,
              ConfigDef.NO_DEFAULT_VALUE,
              new ConfigDef.NonEmptyString(),
              Importance.HIGH,
              BOOTSTRAP_DOC)
          .define(
              MAX_ATTEMPTS_CONFIG,
              Type.INT,
              RetryPolicy.MAX_ATTEMPTS,
              Range.between(RetryPolicy.MIN_ATTEMPTS, RetryPolicy.MAX_ATTEMPTS),
              Importance.MEDIUM,
              MAX_ATTEMPTS_DOC)
          .define(
              MAX_AGE_CONFIG,
              Type.LONG,
              RetryPolicy.MAX_AGE_SECONDS * 1000L,
              Range.between(
                  RetryPolicy.MIN_AGE_SECONDS * 1000L, RetryPolicy.MAX_AGE_SECONDS * 1000L),
              Importance.MEDIUM,
              MAX_AGE_DOC)
          .define(
              BACKOFF_INITIAL_CONFIG,
              Type.INT,
              RetryPolicy.DEFAULT_INITIAL_BACKOFF_MS,
              Range.between(RetryPolicy.MIN_BACKOFF_MS, RetryPolicy.MAX_BACKOFF_MS),
              Importance.LOW,
              BACKOFF_INITIAL_DOC)
          .define(
              BACKOFF_MAX_CONFIG,
              Type.INT,
              RetryPolicy.DEFAULT_MAX_BACKOFF_MS,
              Range.between(RetryPolicy.MIN_BACKOFF_MS, RetryPolicy.MAX_BACKOFF_MS),
              Importance.LOW,
              BACKOFF_MAX_DOC)
          .define(
              DEAD_LETTER_TOPIC_CONFIG, Type.STRING, "", Importance.MEDIUM, DEAD_LETTER_TOPIC_DOC)
          .define(IN_ORDER_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM, IN_ORDER_DOC)
          .define(RETRY_TOPIC_CONFIG, Type.STRING, "", Importance.MEDIUM, RETRY_TOPIC_DOC)
          .define(
              STATS_INTERVAL_CONFIG,
              Type.INT,
              RouterConfig.STATS_INTERVAL_DEFAULT,
              Range.atLeast(100),
              Importance.LOW,
              STATS_INTERVAL_DOC);

  /**
   * @throws org.apache.kafka.common.config.ConfigException naming the key when a value is invalid
   */
  public GuardedSinkConfig(Map<String, String> props) {
    super(CONFIG_DEF, props);
  }

  /**
   * The configs of a guard around a target's sink connector, given the target's policy.
   *
   * @param deadLetterTopic null to drop spent records
   * @param retryTopic where failed records wait when the policy does not keep order, or null when
   *     it does and no records can be parked there from before
   */
  public static Map<String, String> of(
      RetryPolicy policy, String deadLetterTopic, String retryTopic) {
    return Map.of(
        MAX_ATTEMPTS_CONFIG, String.valueOf(policy.maxAttempts()),
        MAX_AGE_CONFIG, String.valueOf(policy.maxAgeSeconds() * 1000L),
        BACKOFF_INITIAL_CONFIG, String.valueOf(policy.initialBackoffMs()),
        BACKOFF_MAX_CONFIG, String.valueOf(policy.maxBackoffMs()),
        DEAD_LETTER_TOPIC_CONFIG, deadLetterTopic == null ? "" : deadLetterTopic,
        IN_ORDER_CONFIG, String.valueOf(policy.inOrder()),
        RETRY_TOPIC_CONFIG, retryTopic == null ? "" : retryTopic);
  }

  /**
   * The retry policy written in this config.
   *
   * @throws org.apache.kafka.common.config.ConfigException when the backoff bounds are the wrong
   *     way round
   */
  public RetryPolicy policy() {
    if (!getBoolean(IN_ORDER_CONFIG) && retryTopic() == null) {
      throw new org.apache.kafka.common.config.ConfigException(
          RETRY_TOPIC_CONFIG, "", "a retry topic is needed when " + IN_ORDER_CONFIG + " is false");
    }
    try {
      return new RetryPolicy(
          getInt(MAX_ATTEMPTS_CONFIG),
          (int) (getLong(MAX_AGE_CONFIG) / 1000),
          getInt(BACKOFF_INITIAL_CONFIG),
          getInt(BACKOFF_MAX_CONFIG),
          getBoolean(IN_ORDER_CONFIG));
    } catch (IllegalArgumentException e) {
      throw new org.apache.kafka.common.config.ConfigException(
          BACKOFF_MAX_CONFIG, getInt(BACKOFF_MAX_CONFIG), e.getMessage());
    }
  }

  public Duration maxAge() {
    return Duration.ofMillis(getLong(MAX_AGE_CONFIG));
  }

  /**
   * The clients the guard makes beside Connect's, from this config's client settings ({@value
   * #BOOTSTRAP_CONFIG} and {@value PluginClients#CLIENT_PREFIX}{@code *}).
   */
  public PluginClients clients() {
    return PluginClients.fromConnectorConfig(originals());
  }

  /** The dead-letter topic, or null to drop records whose retries are spent. */
  public String deadLetterTopic() {
    String topic = getString(DEAD_LETTER_TOPIC_CONFIG);
    return topic.isEmpty() ? null : topic;
  }

  /** Where failed records wait for their next attempt (or waited, before), or null for none. */
  public String retryTopic() {
    String topic = getString(RETRY_TOPIC_CONFIG);
    return topic.isEmpty() ? null : topic;
  }

  /**
   * Whether a key belongs to the guard rather than to the hosted connector. The client settings
   * ({@value PluginClients#CLIENT_PREFIX}{@code *}) are the guard's: the hosted connector never
   * sees them, resolved secrets least of all, and each guard task gets them under the same keys,
   * which is what lets Connect put the references back in the stored task configs.
   */
  static boolean isGuardKey(String key) {
    return CONFIG_DEF.configKeys().containsKey(key) || PluginClients.isClientKey(key);
  }
}
