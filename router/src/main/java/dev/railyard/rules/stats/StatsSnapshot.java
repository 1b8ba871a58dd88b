package dev.railyard.rules.stats;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cumulative counts of one publisher (or, summed, of all of them): per rule the events it matched,
 * and per target of the rule its transform errors and failed delivery attempts. Counts are never
 * negative; a rule or target that is absent counts zero. Immutable and thread-safe.
 *
 * @param rules the counts per rule name; not null
 */
public record StatsSnapshot(Map<String, RuleCounts> rules) {

  /** Nothing counted yet. */
  public static final StatsSnapshot EMPTY = new StatsSnapshot(Map.of());

  /**
   * The counts of one rule.
   *
   * @param matched events the rule matched
   * @param targets the counts per target name; not null
   */
  public record RuleCounts(long matched, Map<String, TargetCounts> targets) {

    public RuleCounts {
      targets = Map.copyOf(targets);
    }

    RuleCounts plus(RuleCounts other) {
      Map<String, TargetCounts> sum = new TreeMap<>(targets);
      other.targets.forEach((name, counts) -> sum.merge(name, counts, TargetCounts::plus));
      return new RuleCounts(matched + other.matched, sum);
    }
  }

  /**
   * The counts of one target of a rule.
   *
   * @param transformErrors events the rule's transform could not turn into this target's payload
   * @param failed failed attempts to deliver to this target (a retried event counts once per
   *     attempt)
   */
  public record TargetCounts(long transformErrors, long failed) {

    static final TargetCounts ZERO = new TargetCounts(0, 0);

    TargetCounts plus(TargetCounts other) {
      return new TargetCounts(transformErrors + other.transformErrors, failed + other.failed);
    }
  }

  public StatsSnapshot {
    rules = Map.copyOf(rules);
  }

  /** Events {@code rule} matched; 0 when unknown. */
  public long matched(String rule) {
    RuleCounts counts = rules.get(rule);
    return counts == null ? 0 : counts.matched();
  }

  /** Transform errors of a rule's target; 0 when unknown. */
  public long transformErrors(String rule, String target) {
    return target(rule, target).transformErrors();
  }

  /** Failed delivery attempts of a rule's target; 0 when unknown. */
  public long failed(String rule, String target) {
    return target(rule, target).failed();
  }

  private TargetCounts target(String rule, String target) {
    RuleCounts counts = rules.get(rule);
    return counts == null
        ? TargetCounts.ZERO
        : counts.targets().getOrDefault(target, TargetCounts.ZERO);
  }

  /** The counts of both, added rule by rule and target by target. */
  public StatsSnapshot plus(StatsSnapshot other) {
    Map<String, RuleCounts> sum = new TreeMap<>(rules);
    other.rules.forEach((name, counts) -> sum.merge(name, counts, RuleCounts::plus));
    return new StatsSnapshot(sum);
  }

  /** The sum of any number of snapshots, e.g. the latest of every publisher; EMPTY for none. */
  public static StatsSnapshot sum(Collection<StatsSnapshot> snapshots) {
    StatsSnapshot total = EMPTY;
    for (StatsSnapshot s : snapshots) {
      total = total.plus(s);
    }
    return total;
  }
}
