package dev.railyard.rules.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One destination of a rule: a sink connector that consumes the target's own delivery topic {@code
 * railyard.to.<rule>.<target>}.
 *
 * <p>Immutable and thread-safe. No component is null.
 *
 * @param name unique within its rule, see {@link Names#LABEL}
 * @param sink the connector config the target is made from
 * @param retry how long delivery is retried
 * @param deadLetter whether events that exhaust their retries go to {@code
 *     railyard.dlq.<rule>.<target>} (otherwise they are dropped)
 * @param cloudEvents the mode of the CloudEvents Kafka binding the target's delivery records are in
 */
public record Target(
    String name, Sink sink, RetryPolicy retry, boolean deadLetter, EventMode cloudEvents) {

  /**
   * The mode of the CloudEvents Kafka binding a target gets its events in ({@code cloudEvents:} in
   * a rule file).
   */
  public enum EventMode {
    /** The mode each event came in; a transform's payload in binary mode (the default). */
    KEEP,
    /**
     * Structured mode: the event in JSON with {@code content-type: application/cloudevents+json}.
     */
    STRUCTURED,
    /** Binary mode: the attributes in {@code ce_*} headers, the data as the value. */
    BINARY;

    /** The name in a rule file, {@code structured} or {@code binary}; null for {@link #KEEP}. */
    public String yamlName() {
      return this == KEEP ? null : name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A target that gets each event in the mode it came in. */
  public Target(String name, Sink sink, RetryPolicy retry, boolean deadLetter) {
    this(name, sink, retry, deadLetter, EventMode.KEEP);
  }

  /**
   * Whether an event that exhausts its retries goes to the dead-letter topic unless a rule says
   * otherwise.
   */
  public static final boolean DEFAULT_DEAD_LETTER = true;

  /**
   * @throws IllegalArgumentException when the name is invalid
   */
  public Target {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(cloudEvents, "cloudEvents");
    Names.require(Names.targetNameProblem(name));
  }

  /**
   * Where a target's connector config comes from: an uploaded connector config, or one written
   * inline.
   */
  public sealed interface Sink {}

  /**
   * The name of a sink connector config uploaded through the API; Railyard copies it as the
   * template of the target's connector and points it at the delivery topic.
   *
   * @param name non-blank, without control characters or surrounding spaces
   */
  public record Connector(String name) implements Sink {

    /**
     * @throws IllegalArgumentException when the name is blank or has control characters or outer
     *     spaces
     */
    public Connector {
      Objects.requireNonNull(name, "name");
      Names.require(connectorNameProblem(name));
    }

    /** Why {@code name} cannot name a connector, or empty when it can. */
    public static Optional<String> connectorNameProblem(String name) {
      if (name.isBlank()
          || !name.strip().equals(name)
          || name.chars().anyMatch(Character::isISOControl)) {
        return Optional.of(
            "'"
                + name
                + "' is not a valid connector name; use a non-blank name without "
                + "control characters or surrounding spaces");
      }
      return Optional.empty();
    }
  }

  /**
   * A Kafka Connect sink connector config written in the rule, in Connect's JSON form (string
   * values). It needs {@value #CONNECTOR_CLASS} and may not set the keys Railyard sets ({@link
   * #RESERVED}).
   *
   * @param config unmodifiable, in the order written
   */
  public record Inline(Map<String, String> config) implements Sink {

    /** The key that names the connector's class. */
    public static final String CONNECTOR_CLASS = "connector.class";

    /** Keys Railyard sets for every target connector. */
    public static final Set<String> RESERVED = Set.of("name", "topics", "topics.regex");

    /**
     * @throws IllegalArgumentException without {@value #CONNECTOR_CLASS} or with a reserved key
     */
    public Inline {
      Objects.requireNonNull(config, "config");
      config.forEach((k, v) -> Objects.requireNonNull(v, () -> "config value of " + k));
      if (!config.containsKey(CONNECTOR_CLASS)) {
        throw new IllegalArgumentException("an inline config needs " + CONNECTOR_CLASS);
      }
      for (String key : RESERVED) {
        if (config.containsKey(key)) {
          throw new IllegalArgumentException("'" + key + "' is set by Railyard; remove it");
        }
      }
      config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }
  }
}
