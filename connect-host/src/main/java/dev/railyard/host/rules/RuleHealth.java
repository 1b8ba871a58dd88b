package dev.railyard.host.rules;

import dev.railyard.api.platform.HealthProbe.ComponentHealth;
import dev.railyard.rules.store.RuleLog;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code rules} component of {@code /health}: down when the control plane's follower of the
 * rules topic has stopped or is stuck (the API would answer with rules that no longer change), up
 * otherwise; figures that cannot be read are a warning on it, not a reason to be down.
 */
final class RuleHealth {

  static final String COMPONENT = "rules";

  /** The follower polls every 200 ms; this much silence means it is stuck. */
  static final Duration STUCK_AFTER = Duration.ofSeconds(30);

  private RuleHealth() {}

  /**
   * @param figureFailures what keeps the figures from being read, one line each; may be empty
   */
  static ComponentHealth of(String topic, RuleLog log, List<Optional<String>> figureFailures) {
    return of(topic, log.failure(), log.sinceLastPoll(), log.rules().size(), figureFailures);
  }

  static ComponentHealth of(
      String topic,
      Optional<Throwable> failure,
      Duration sinceLastPoll,
      int rules,
      List<Optional<String>> figureFailures) {
    List<String> warnings = figureFailures.stream().flatMap(Optional::stream).toList();
    String warning = warnings.isEmpty() ? null : String.join("; ", warnings);
    if (failure.isPresent()) {
      return new ComponentHealth(
          COMPONENT,
          false,
          "stopped following "
              + topic
              + ", rules are as last read ("
              + rules
              + "): "
              + failure.get(),
          warning);
    }
    if (sinceLastPoll.compareTo(STUCK_AFTER) > 0) {
      return new ComponentHealth(
          COMPONENT,
          false,
          "the follower of " + topic + " has not polled for " + sinceLastPoll.toSeconds() + " s",
          warning);
    }
    return new ComponentHealth(
        COMPONENT, true, "following " + topic + ", " + rules + " rule(s) in force", warning);
  }
}
