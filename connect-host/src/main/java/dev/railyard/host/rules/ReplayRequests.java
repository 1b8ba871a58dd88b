package dev.railyard.host.rules;

import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Target;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the body of a replay request: {@code from}, {@code to} and optional {@code targets}. */
final class ReplayRequests {

  private static final Set<String> KEYS = Set.of("from", "to", "targets");

  private ReplayRequests() {}

  /** The replay to run, or an {@link IllegalArgumentException} naming the field that is wrong. */
  static Replay parse(Rule rule, Map<String, Object> body) {
    for (String key : body.keySet()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown field '" + key + "'; valid: from, to, targets");
      }
    }
    Instant from = instant(body.get("from"), "from");
    Instant to = instant(body.get("to"), "to");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("'from' (" + from + ") must be before 'to' (" + to + ")");
    }
    List<String> all = rule.targets().stream().map(Target::name).toList();
    List<String> targets = new ArrayList<>();
    Object chosen = body.get("targets");
    if (chosen == null) {
      targets.addAll(all);
    } else if (chosen instanceof List<?> list && !list.isEmpty()) {
      for (Object t : list) {
        if (!(t instanceof String name) || !all.contains(name)) {
          throw new IllegalArgumentException(
              "'targets' names "
                  + t
                  + ", which rule "
                  + rule.name()
                  + " does not have; its targets: "
                  + String.join(", ", all));
        }
        targets.add(name);
      }
    } else {
      throw new IllegalArgumentException("'targets' must be a non-empty list of target names");
    }
    return new Replay(rule.name(), targets, from, to);
  }

  private static Instant instant(Object value, String field) {
    if (value instanceof String s) {
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e) {
        // fall through
      }
    }
    throw new IllegalArgumentException(
        "'"
            + field
            + "' must be an ISO-8601 time with offset, e.g. "
            + "2026-11-26T10:00:00Z, not "
            + value);
  }
}
