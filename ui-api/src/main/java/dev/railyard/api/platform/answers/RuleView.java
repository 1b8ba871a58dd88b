package dev.railyard.api.platform.answers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A rule in force, and where its events go.
 *
 * @param name the rule
 * @param bus the bus it reads
 * @param enabled false when it matches nothing
 * @param targets its targets, in the rule's order
 * @param document the rule document as stored, the secrets of inline target configs masked
 */
public record RuleView(
    String name, String bus, boolean enabled, List<Target> targets, JsonNode document) {

  public RuleView {
    targets = List.copyOf(targets);
  }

  /**
   * One target of the rule.
   *
   * @param name the target
   * @param connector its connector, {@code railyard.to.<rule>.<target>}
   * @param deliveryTopic the topic the router writes its events to
   * @param deadLetterTopic its dead-letter topic, or null when dead letters are off
   * @param retryTopic its retry topic, or null when it keeps order
   * @param asleep true while it sleeps: its connector does not run, and what is routed to it waits
   *     in its delivery topic until it wakes, within seconds of the first such event
   * @param stats its figures, or null before they were first read
   */
  public record Target(
      String name,
      String connector,
      String deliveryTopic,
      String deadLetterTopic,
      String retryTopic,
      boolean asleep,
      Stats stats) {}

  /**
   * A target's figures: offsets as at the last read (every few seconds), counts as the tasks last
   * published them. They move; nothing should compare them for equality.
   *
   * @param matched events the rule matched
   * @param routed events written to the target's delivery topic, replays included
   * @param delivered events its sink has delivered
   * @param lag routed less delivered
   * @param retrying records parked in its retry topic, not yet settled
   * @param deadLettered records in its dead-letter topic
   * @param transformErrors events whose transform failed
   * @param failed failed delivery attempts
   */
  public record Stats(
      long matched,
      long routed,
      long delivered,
      long lag,
      long retrying,
      long deadLettered,
      long transformErrors,
      long failed) {}
}
