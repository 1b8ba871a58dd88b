package dev.railyard.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.api.platform.ReplayRequest;
import dev.railyard.api.platform.TestPatternRequest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the JSON bodies of {@code POST /api/v1/rules:test} and {@code POST
 * /api/v1/rules/{name}/replay} into the platform's request records, refusing a bad body before the
 * platform is asked. Stateless.
 */
final class RuleRequests {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> REPLAY_KEYS = Set.of("from", "to", "targets");

  private RuleRequests() {}

  /**
   * {@code {"event": {...}, "pattern": {...}}} or {@code {"event": {...}, "rule": "name"}}.
   *
   * @throws ApiException 400 {@code INVALID_REQUEST} for a body of another shape, 404 {@code
   *     NOT_FOUND} when {@code rule} is not a string (no rule has that name)
   */
  static TestPatternRequest test(JsonNode object) {
    Map<String, Object> body = JsonBodies.toMap(object);
    Object event = body.get("event");
    if (!(event instanceof Map)) {
      throw invalidTest("'event' must be the event as a JSON object");
    }
    if (body.containsKey("pattern") == body.containsKey("rule")) {
      throw invalidTest("give either 'pattern' (an EventBridge pattern) or 'rule' (a rule's name)");
    }
    if (body.containsKey("pattern")) {
      return new TestPatternRequest(write(event), write(body.get("pattern")), null);
    }
    if (!(body.get("rule") instanceof String rule)) {
      throw new ApiException(
          404, "NOT_FOUND", "rule '" + body.get("rule") + "' does not exist", null);
    }
    return new TestPatternRequest(write(event), null, rule);
  }

  /**
   * {@code {"from": ISO-8601, "to": ISO-8601, "targets": [names]?}}; whether the targets are the
   * rule's is for the platform to say.
   *
   * @throws ApiException 400 {@code INVALID_REPLAY} naming the field that is wrong
   */
  static ReplayRequest replay(JsonNode object) {
    Map<String, Object> body = JsonBodies.toMap(object);
    for (String key : body.keySet()) {
      if (!REPLAY_KEYS.contains(key)) {
        throw invalidReplay("unknown field '" + key + "'; valid: from, to, targets");
      }
    }
    Instant from = instant(body.get("from"), "from");
    Instant to = instant(body.get("to"), "to");
    if (!from.isBefore(to)) {
      throw invalidReplay("'from' (" + from + ") must be before 'to' (" + to + ")");
    }
    Object chosen = body.get("targets");
    if (chosen == null) {
      return new ReplayRequest(from, to, null);
    }
    if (!(chosen instanceof List<?> list) || list.isEmpty()) {
      throw invalidReplay("'targets' must be a non-empty list of target names");
    }
    // a value that is not a string is never a target's name: the platform refuses it as one
    List<String> targets = new ArrayList<>();
    list.forEach(t -> targets.add(String.valueOf(t)));
    return new ReplayRequest(from, to, targets);
  }

  private static Instant instant(Object value, String field) {
    if (value instanceof String s) {
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e) {
        // answered below
      }
    }
    throw invalidReplay(
        "'"
            + field
            + "' must be an ISO-8601 time with offset, e.g. "
            + "2026-11-26T10:00:00Z, not "
            + value);
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed JSON value could not be written again", e);
    }
  }

  private static ApiException invalidTest(String message) {
    return ApiException.badRequest("INVALID_REQUEST", message, null);
  }

  private static ApiException invalidReplay(String message) {
    return ApiException.badRequest("INVALID_REPLAY", message, null);
  }
}
