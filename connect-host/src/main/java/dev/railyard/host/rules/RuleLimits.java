package dev.railyard.host.rules;

/**
 * What rule changes may make Railyard hold. Immutable.
 *
 * @param rulesPerBus rules one bus may hold
 * @param targetsPerRule targets one rule may have
 * @param concurrentReplays replays running at once
 * @param queuedChanges rule changes waiting for the one before them
 * @param buses buses there may be, those of rules included
 */
public record RuleLimits(
    int rulesPerBus, int targetsPerRule, int concurrentReplays, int queuedChanges, int buses) {

  /**
   * EventBridge's quotas (300 rules per bus, 5 targets per rule, 100 buses), 4 replays, 16 queued
   * changes.
   */
  public static final RuleLimits DEFAULTS = new RuleLimits(300, 5, 4, 16, 100);

  public RuleLimits {
    if (rulesPerBus < 1
        || targetsPerRule < 1
        || concurrentReplays < 1
        || queuedChanges < 1
        || buses < 1) {
      throw new IllegalArgumentException("rule limits must be positive");
    }
  }
}
