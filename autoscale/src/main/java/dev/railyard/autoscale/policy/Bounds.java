package dev.railyard.autoscale.policy;

import java.util.Map;
import java.util.Optional;

/**
 * What a connector's own config says about its scaling: whether it takes part, and the fewest and
 * most tasks it may have ({@link AutoscaleConfig#CONNECTOR_ENABLED}, {@link
 * AutoscaleConfig#CONNECTOR_TASKS_MIN}, {@link AutoscaleConfig#CONNECTOR_TASKS_MAX}).
 *
 * @param enabled false when the connector opted out, or its bounds do not parse
 * @param min the fewest tasks, at least 1
 * @param max the most tasks, or {@link Integer#MAX_VALUE} for "as many as its partitions"
 * @param problem why the bounds were refused, when they were
 */
public record Bounds(boolean enabled, int min, int max, Optional<String> problem) {

  /** Takes part, from 1 task up to its partitions. */
  public static final Bounds DEFAULT = new Bounds(true, 1, Integer.MAX_VALUE, Optional.empty());

  /** The bounds in a connector's config; a value that does not parse opts it out, saying why. */
  public static Bounds of(Map<String, String> config) {
    String enabled = config.getOrDefault(AutoscaleConfig.CONNECTOR_ENABLED, "true").trim();
    if (enabled.equalsIgnoreCase("false")) {
      return new Bounds(false, 1, Integer.MAX_VALUE, Optional.empty());
    }
    if (!enabled.equalsIgnoreCase("true")) {
      return refused(
          AutoscaleConfig.CONNECTOR_ENABLED + " must be true or false, not '" + enabled + "'");
    }
    Integer min = count(config, AutoscaleConfig.CONNECTOR_TASKS_MIN);
    Integer max = count(config, AutoscaleConfig.CONNECTOR_TASKS_MAX);
    if (min == null || max == null) {
      String key =
          min == null ? AutoscaleConfig.CONNECTOR_TASKS_MIN : AutoscaleConfig.CONNECTOR_TASKS_MAX;
      return refused(key + " must be a whole number of at least 1, not '" + config.get(key) + "'");
    }
    if (min > max) {
      return refused(
          AutoscaleConfig.CONNECTOR_TASKS_MIN
              + " ("
              + min
              + ") is above "
              + AutoscaleConfig.CONNECTOR_TASKS_MAX
              + " ("
              + max
              + ")");
    }
    return new Bounds(true, min, max, Optional.empty());
  }

  private static Integer count(Map<String, String> config, String key) {
    String value = config.get(key);
    if (value == null) {
      return key.equals(AutoscaleConfig.CONNECTOR_TASKS_MIN) ? 1 : Integer.MAX_VALUE;
    }
    try {
      int n = Integer.parseInt(value.trim());
      return n >= 1 ? n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Bounds refused(String why) {
    return new Bounds(false, 1, Integer.MAX_VALUE, Optional.of(why));
  }
}
