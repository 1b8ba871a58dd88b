package dev.railyard.rules.pattern;

import java.util.Arrays;

/**
 * Per-thread bookkeeping of one {@link RuleSet} evaluation, stamped with an epoch so nothing is
 * cleared between events: the cost of an event does not grow with the number of rules. Not
 * thread-safe; one per thread.
 */
final class Scratch {

  private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

  private int epoch;
  private int[] branchSeen = new int[64];
  private int[] ruleMatched = new int[64];
  private int[] matched = new int[16];
  private int matchedCount;

  static Scratch begin(int branches, int rules) {
    Scratch s = LOCAL.get();
    s.start(branches, rules);
    return s;
  }

  private void start(int branches, int rules) {
    if (branchSeen.length < branches) {
      branchSeen = Arrays.copyOf(branchSeen, Math.max(branches, branchSeen.length * 2));
    }
    if (ruleMatched.length < rules) {
      ruleMatched = Arrays.copyOf(ruleMatched, Math.max(rules, ruleMatched.length * 2));
    }
    if (++epoch == Integer.MAX_VALUE) {
      Arrays.fill(branchSeen, 0);
      Arrays.fill(ruleMatched, 0);
      epoch = 1;
    }
    matchedCount = 0;
  }

  /** True the first time a branch is offered in this evaluation. */
  boolean firstVisit(int branch) {
    if (branchSeen[branch] == epoch) {
      return false;
    }
    branchSeen[branch] = epoch;
    return true;
  }

  boolean ruleMatched(int rule) {
    return ruleMatched[rule] == epoch;
  }

  void markMatched(int rule) {
    if (ruleMatched[rule] != epoch) {
      ruleMatched[rule] = epoch;
      if (matchedCount == matched.length) {
        matched = Arrays.copyOf(matched, matched.length * 2);
      }
      matched[matchedCount++] = rule;
    }
  }

  /** The matched rule indexes, ascending. */
  int[] matchedRules() {
    int[] out = Arrays.copyOf(matched, matchedCount);
    Arrays.sort(out);
    return out;
  }
}
