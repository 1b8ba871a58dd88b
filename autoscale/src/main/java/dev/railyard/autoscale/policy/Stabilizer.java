package dev.railyard.autoscale.policy;

import dev.railyard.autoscale.policy.Decision.Cause;
import dev.railyard.autoscale.policy.PolicyMemory.Recommendation;
import java.time.Duration;
import java.time.Instant;

/**
 * When a count may change: up at once; down only when every recommendation of the stabilization
 * window was lower, in one step to the highest of them, once every earlier change settled. Pure.
 */
final class Stabilizer {

  private Stabilizer() {}

  /** What a step does: the count, and why it stays (null cause: as recommended). */
  record Step(int desired, Cause cause, String note) {}

  /** Up at once; down after the window, in one step, once every earlier change settled. */
  static Step step(
      String key,
      int current,
      int recommended,
      PolicySettings s,
      PolicyMemory memory,
      Instant now) {
    if (recommended >= current) {
      return new Step(recommended, null, "");
    }
    Duration window = s.scaleDownStabilization();
    Instant windowStart = now.minus(window);
    int highest = recommended;
    boolean watchedWhole = window.isZero();
    Instant earliest = now;
    for (Recommendation r : memory.history(key)) {
      if (!r.at().isAfter(windowStart)) {
        watchedWhole = true;
      }
      if (!r.at().isBefore(windowStart)) {
        highest = Math.max(highest, r.count());
      }
      earliest = r.at().isBefore(earliest) ? r.at() : earliest;
    }
    // a step down waits until its own last change and the last change anywhere settled: each
    // change is a rebalance, and two close together pause the tasks twice
    Instant changed = memory.changedAt(key);
    Instant anywhere = memory.lastChange();
    boolean settled =
        (changed == null || !changed.isAfter(now.minus(settleTime(s))))
            && (anywhere == null || !anywhere.isAfter(now.minus(settleTime(s))));
    if (highest >= current || !watchedWhole || !settled) {
      long lower = Math.min(Duration.between(earliest, now).toSeconds(), window.toSeconds());
      String waiting =
          highest >= current
              ? " (demand lower now, but "
                  + highest
                  + " within the last "
                  + window.toSeconds()
                  + " s)"
              : !watchedWhole
                  ? " (demand lower; waiting for "
                      + window.toSeconds()
                      + " s of lower demand, "
                      + lower
                      + " s so far)"
                  : " (demand lower; waiting for the last change to settle)";
      return new Step(current, Cause.STABILIZING, waiting);
    }
    // one step, to the highest count the window recommended (as the HPA does): one rebalance
    // rather than one per divisor; the next needs a whole window of lower demand again
    return new Step(
        highest,
        Cause.DEMAND_DOWN,
        " (one step down after " + window.toSeconds() + " s of lower demand)");
  }

  /** How long a change settles: three intervals, at least 15 s (a rebalance and a fresh read). */
  static Duration settleTime(PolicySettings s) {
    Duration three = s.interval().multipliedBy(3);
    Duration floor = Duration.ofSeconds(15);
    return three.compareTo(floor) > 0 ? three : floor;
  }
}
