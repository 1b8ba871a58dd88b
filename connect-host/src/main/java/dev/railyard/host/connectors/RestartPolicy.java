package dev.railyard.host.connectors;

import java.time.Duration;
import java.util.Map;

/**
 * How Railyard restarts a failed connector or task: after {@code initial}, doubling on every
 * further failure up to {@code max}. Set per connector with the config keys below (Connect passes
 * unknown keys through; the connector ignores them). Immutable.
 */
record RestartPolicy(boolean enabled, Duration initial, Duration max) {

  static final String ENABLED_CONFIG = "railyard.restart.enabled";
  static final String INITIAL_BACKOFF_CONFIG = "railyard.restart.initial.backoff.ms";
  static final String MAX_BACKOFF_CONFIG = "railyard.restart.max.backoff.ms";
  static final RestartPolicy DEFAULT =
      new RestartPolicy(true, Duration.ofSeconds(1), Duration.ofMinutes(5));

  /** The policy a connector's config asks for; values that do not parse keep the default. */
  static RestartPolicy of(Map<String, String> config) {
    boolean enabled = !"false".equalsIgnoreCase(config.getOrDefault(ENABLED_CONFIG, "true"));
    Duration initial = millis(config.get(INITIAL_BACKOFF_CONFIG), DEFAULT.initial);
    Duration max = millis(config.get(MAX_BACKOFF_CONFIG), DEFAULT.max);
    return new RestartPolicy(enabled, initial, max.compareTo(initial) < 0 ? initial : max);
  }

  /** The wait before restart number {@code attempt + 1}, given {@code attempt} earlier ones. */
  Duration backoff(int attempt) {
    long factor = 1L << Math.min(attempt, 30);
    long millis = initial.toMillis() * factor;
    return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
  }

  private static Duration millis(String value, Duration fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      long ms = Long.parseLong(value.trim());
      return ms >= 0 ? Duration.ofMillis(ms) : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
