package dev.railyard.rules.model;

/**
 * The one home of every name Railyard gives to things in Kafka and Kafka Connect: topics, consumer
 * groups, connectors and the headers it writes. Nobody else spells them; a name changed here
 * changes everywhere. Bus, rule and target names follow {@link Names}, so the dotted names below
 * are unambiguous (buses have no dots, rules and targets neither).
 *
 * <p>Pure strings, stateless and thread-safe.
 */
public final class Topology {

  /** The compacted topic holding every rule, keyed by rule name. */
  public static final String RULES_TOPIC = "railyard.rules";

  /** The compacted topic the routers' and guards' counts are written to. */
  public static final String STATS_TOPIC = "railyard.stats";

  private static final String BUS_PREFIX = "railyard.bus.";

  /** The compacted topic of the audit log: every state-changing API call, keyed by entry id. */
  public static final String AUDIT_TOPIC = "railyard.audit";

  /** What the names of all retry topics start with. */
  public static final String RETRY_TOPIC_PREFIX = "railyard.retry.";

  private static final String DEAD_LETTER_TOPIC_PREFIX = "railyard.dlq.";

  /**
   * The header of the CloudEvents Kafka binding that holds a record's content type: {@value
   * #STRUCTURED_CONTENT_TYPE} in structured mode, the event's {@code datacontenttype} in binary
   * mode.
   */
  public static final String CONTENT_TYPE_HEADER = "content-type";

  /** What the headers of a binary-mode CloudEvent's attributes start with ({@code ce_id}, ...). */
  public static final String CLOUDEVENT_HEADER_PREFIX = "ce_";

  /** The content type of a CloudEvent in structured mode, in the JSON event format. */
  public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json";

  /** The content type of a batch of CloudEvents in the JSON event format (HTTP only). */
  public static final String BATCH_CONTENT_TYPE = "application/cloudevents-batch+json";

  /** The header naming the rule a delivery record or dead letter is for. */
  public static final String RULE_HEADER = "railyard.rule";

  /** The header naming the target a delivery record or dead letter is for. */
  public static final String TARGET_HEADER = "railyard.target";

  /** The header holding the CloudEvent {@code id} of a delivery record. */
  public static final String EVENT_ID_HEADER = "railyard.event.id";

  /** The header holding the id of the replay that wrote a delivery record again. */
  public static final String REPLAY_HEADER = "railyard.replay";

  /** The header ({@code true}) of a delivery record that a dead-letter redrive wrote. */
  public static final String REDRIVEN_HEADER = "railyard.redriven";

  /** What the headers of a dead letter's error (stage, class, message) start with. */
  public static final String ERROR_HEADER_PREFIX = "railyard.error.";

  /** The header of a dead letter saying how often it was tried. */
  public static final String ATTEMPTS_HEADER = "railyard.attempts";

  /** The header of a dead letter holding its first failure's instant. */
  public static final String FIRST_FAILURE_HEADER = "railyard.first.failure";

  /** The header of a dead letter holding its last failure's instant. */
  public static final String LAST_FAILURE_HEADER = "railyard.last.failure";

  /** What the headers of a record parked in a retry topic start with. */
  public static final String PARK_HEADER_PREFIX = "railyard.park.";

  private Topology() {}

  /** The topic of a bus, where its events arrive. */
  public static String busTopic(String bus) {
    return BUS_PREFIX + bus;
  }

  /** Whether {@code topic} is the topic of a bus. */
  public static boolean isBusTopic(String topic) {
    return topic.startsWith(BUS_PREFIX);
  }

  /** The bus whose topic {@code topic} is; call only for a bus topic. */
  public static String busOfTopic(String topic) {
    return topic.substring(BUS_PREFIX.length());
  }

  /** Where the router puts events of a bus that it cannot even match (e.g. nested too deeply). */
  public static String busDeadLetterTopic(String bus) {
    return DEAD_LETTER_TOPIC_PREFIX + "bus." + bus;
  }

  /** Whether {@code topic} holds dead letters: of a bus, or of a rule's target. */
  public static boolean isDeadLetterTopic(String topic) {
    return topic.startsWith(DEAD_LETTER_TOPIC_PREFIX);
  }

  /** The name of the router connector of a bus. */
  public static String routerConnectorName(String bus) {
    return "railyard.router." + bus;
  }

  /** The delivery topic of a rule's target, written by the router and read by the target. */
  public static String deliveryTopic(String rule, String target) {
    return "railyard.to." + rule + "." + target;
  }

  /**
   * The rule whose target a connector of {@link #targetConnectorName} delivers, or empty for any
   * other connector (rule names hold no dots).
   */
  public static java.util.Optional<String> ruleOfTargetConnector(String connector) {
    String prefix = "railyard.to.";
    if (!connector.startsWith(prefix) || connector.indexOf('.', prefix.length()) < 0) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        connector.substring(prefix.length(), connector.indexOf('.', prefix.length())));
  }

  /** The bus whose router a connector of {@link #routerConnectorName} is, or empty. */
  public static java.util.Optional<String> busOfRouterConnector(String connector) {
    String prefix = "railyard.router.";
    return connector.startsWith(prefix)
        ? java.util.Optional.of(connector.substring(prefix.length()))
        : java.util.Optional.empty();
  }

  /** The name of the sink connector of a rule's target. */
  public static String targetConnectorName(String rule, String target) {
    return "railyard.to." + rule + "." + target;
  }

  /** The dead-letter topic of a rule's target. */
  public static String deadLetterTopic(String rule, String target) {
    return DEAD_LETTER_TOPIC_PREFIX + rule + "." + target;
  }

  /**
   * Where the delivery guard parks the records of a target that failed and wait for their next
   * attempt, when the target's retry policy does not keep order.
   */
  public static String retryTopic(String rule, String target) {
    return RETRY_TOPIC_PREFIX + rule + "." + target;
  }

  /** The consumer group Kafka Connect gives a sink connector (its default {@code connect-}). */
  public static String sinkConnectorGroup(String connector) {
    return "connect-" + connector;
  }

  /** The consumer group of a rule target's sink connector: its delivery offsets. */
  public static String targetGroup(String rule, String target) {
    return sinkConnectorGroup(targetConnectorName(rule, target));
  }

  /** The consumer group the delivery guard reads a target's retry topic with. */
  public static String retryGroup(String rule, String target) {
    return "railyard-retry." + rule + "." + target;
  }

  /** The consumer group whose offsets say how far a target's dead letters were redriven. */
  public static String redriveGroup(String rule, String target) {
    return "railyard.redrive." + rule + "." + target;
  }
}
