package dev.railyard.rules.stats;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Cumulative counters of one task, from its start: events matched per rule, transform errors and
 * failed delivery attempts per target of a rule. Counting is cheap and never blocks (a map lookup
 * and a {@link LongAdder} increment once a name has been seen). Thread-safe; names must not be
 * null.
 */
public final class DeliveryCounters {

  private final ConcurrentMap<String, RuleCounters> rules = new ConcurrentHashMap<>();

  /** One event matched {@code rule}. */
  public void matched(String rule) {
    rule(rule).matched.increment();
  }

  /**
   * The transform of {@code rule} failed for one event, which therefore did not reach {@code
   * target}.
   */
  public void transformError(String rule, String target) {
    rule(rule).target(target).transformErrors.increment();
  }

  /**
   * One attempt to deliver an event of {@code rule} to {@code target} failed; each retry counts
   * again.
   */
  public void failed(String rule, String target) {
    rule(rule).target(target).failed.increment();
  }

  /**
   * The counts so far. Taken while counting goes on, so it may miss increments made meanwhile (the
   * next snapshot has them); each count is at least what the previous snapshot showed.
   */
  public StatsSnapshot snapshot() {
    Map<String, StatsSnapshot.RuleCounts> counts = new TreeMap<>();
    rules.forEach((name, rule) -> counts.put(name, rule.snapshot()));
    return new StatsSnapshot(counts);
  }

  private RuleCounters rule(String name) {
    RuleCounters rule = rules.get(name);
    return rule != null
        ? rule
        : rules.computeIfAbsent(Objects.requireNonNull(name, "rule"), n -> new RuleCounters());
  }

  private static final class RuleCounters {

    final LongAdder matched = new LongAdder();
    final ConcurrentMap<String, TargetCounters> targets = new ConcurrentHashMap<>();

    TargetCounters target(String name) {
      TargetCounters target = targets.get(name);
      return target != null
          ? target
          : targets.computeIfAbsent(
              Objects.requireNonNull(name, "target"), n -> new TargetCounters());
    }

    StatsSnapshot.RuleCounts snapshot() {
      Map<String, StatsSnapshot.TargetCounts> counts = new TreeMap<>();
      targets.forEach(
          (name, t) ->
              counts.put(
                  name, new StatsSnapshot.TargetCounts(t.transformErrors.sum(), t.failed.sum())));
      return new StatsSnapshot.RuleCounts(matched.sum(), counts);
    }
  }

  private static final class TargetCounters {

    final LongAdder transformErrors = new LongAdder();
    final LongAdder failed = new LongAdder();
  }
}
