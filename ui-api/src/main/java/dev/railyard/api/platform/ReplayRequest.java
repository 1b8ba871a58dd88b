package dev.railyard.api.platform;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A replay request, checked by the API (and by this record's constructor): a window of the bus and
 * the targets to replay to.
 *
 * @param from the window's start, before {@code to}
 * @param to the window's end
 * @param targets the names of the targets, never empty; null for every target of the rule
 */
public record ReplayRequest(Instant from, Instant to, List<String> targets) {

  public ReplayRequest {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("'from' (" + from + ") must be before 'to' (" + to + ")");
    }
    if (targets != null && targets.isEmpty()) {
      throw new IllegalArgumentException("'targets' must be a non-empty list of target names");
    }
    targets = targets == null ? null : List.copyOf(targets);
  }
}
