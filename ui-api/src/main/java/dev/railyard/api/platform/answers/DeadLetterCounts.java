package dev.railyard.api.platform.answers;

import java.util.List;

/**
 * The dead letters of each target of a rule.
 *
 * @param rule the rule
 * @param targets one entry per target, in the rule's order
 */
public record DeadLetterCounts(String rule, List<Target> targets) {

  public DeadLetterCounts {
    targets = List.copyOf(targets);
  }

  /**
   * One target's dead letters.
   *
   * @param target the target
   * @param topic its dead-letter topic
   * @param letters how many letters the topic holds
   * @param redriven of them, those redriven already
   * @param waiting of them, those not redriven yet
   */
  public record Target(String target, String topic, long letters, long redriven, long waiting) {}
}
