package dev.railyard.api.platform.answers;

import java.util.List;

/**
 * The autoscaler's timeline, oldest first.
 *
 * @param decisions the entries asked for
 * @param count how many there are
 */
public record AutoscaleDecisions(List<AutoscaleDecision> decisions, int count) {

  public AutoscaleDecisions {
    decisions = List.copyOf(decisions);
  }

  /** The timeline of {@code decisions}, counted. */
  public static AutoscaleDecisions of(List<AutoscaleDecision> decisions) {
    return new AutoscaleDecisions(decisions, decisions.size());
  }
}
