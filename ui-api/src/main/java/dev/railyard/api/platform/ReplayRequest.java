package dev.railyard.api.platform;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A replay request, checked by the API: a window of the bus and the targets to replay to.
 *
 * @param from the window's start, before {@code to}
 * @param to the window's end
 * @param targets the names of the targets, never empty; null for every target of the rule
 */
public record ReplayRequest(Instant from, Instant to, List<String> targets) {

  public ReplayRequest {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    targets = targets == null ? null : List.copyOf(targets);
  }
}
