package dev.railyard.api.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.railyard.api.RequestBounds;
import dev.railyard.api.platform.EventPublisher;
import dev.railyard.api.platform.EventPublisher.EntryResult;
import dev.railyard.api.platform.RuleAdmin;
import dev.railyard.api.platform.TestPatternRequest;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PutEvents and TestEventPattern, on the platform's event publisher and rule service. Thread-safe.
 */
final class EventOps {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final AwsCalls calls;
  private final EventPublisher events;
  private final RuleAdmin rules;
  private final RequestBounds bounds;
  private final Envelope envelope;

  EventOps(
      AwsCalls calls,
      EventPublisher events,
      RuleAdmin rules,
      RequestBounds bounds,
      Envelope envelope) {
    this.calls = calls;
    this.events = events;
    this.rules = rules;
    this.bounds = bounds;
    this.envelope = envelope;
  }

  /**
   * Each entry is mapped and published on its own: a bad entry, or one for a bus outside the key's
   * scope, gets its {@code ErrorCode} and {@code ErrorMessage} while the others are written.
   */
  Future<ObjectNode> putEvents(Input in, long bodyBytes) {
    in.only(Set.of("Entries", "EndpointId"));
    if (bodyBytes > bounds.eventBytes()) {
      throw AwsException.validation(
          "PutEvents: the request is "
              + bodyBytes
              + " bytes; at most "
              + bounds.eventBytes()
              + " are taken (events.max.request.bytes, EventBridge's 256 KB)");
    }
    JsonNode entries = in.body().get("Entries");
    if (entries == null
        || !entries.isArray()
        || entries.isEmpty()
        || entries.size() > bounds.eventEntries()) {
      throw AwsException.validation(
          "PutEvents: Entries must be a list of 1 to "
              + bounds.eventEntries()
              + " entries (events.max.entries), got "
              + (entries == null || !entries.isArray() ? String.valueOf(entries) : entries.size()));
    }
    ObjectNode[] results = new ObjectNode[entries.size()];
    List<Map<String, Object>> valid = new ArrayList<>();
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      try {
        JsonNode entry = entries.get(i);
        if (!entry.isObject()) {
          throw new Envelope.EntryError("InvalidArgument", "the entry must be an object");
        }
        Map<String, Object> event = envelope.entryToCloudEvent(entry, in.region());
        String bus = (String) event.get("bus");
        if (!in.token().allowsBus(bus)) {
          throw new Envelope.EntryError(
              "AccessDeniedException",
              "the key '" + in.token().name() + "' may not put events on the bus '" + bus + "'");
        }
        valid.add(event);
        at.add(i);
      } catch (Envelope.EntryError e) {
        results[i] = failed(e.code(), "Entries[" + i + "]: " + e.getMessage());
      }
    }
    Future<List<EntryResult>> published =
        valid.isEmpty()
            ? Future.succeededFuture(List.of())
            : calls.call(() -> events.putEvents(valid));
    return published.map(
        written -> {
          for (int j = 0; j < at.size(); j++) {
            EntryResult r = written.get(j);
            results[at.get(j)] =
                r.ok()
                    ? JSON.createObjectNode().put("EventId", r.eventId())
                    : failed(r.errorCode(), "Entries[" + at.get(j) + "]: " + r.errorMessage());
          }
          ObjectNode out = JSON.createObjectNode();
          ArrayNode list = out.putArray("Entries");
          int failed = 0;
          for (ObjectNode r : results) {
            list.add(r);
            failed += r.has("ErrorCode") ? 1 : 0;
          }
          out.put("FailedEntryCount", failed);
          return out;
        });
  }

  /** Maps the event and the pattern to the CloudEvent form and asks the rule service. */
  Future<ObjectNode> testEventPattern(Input in) {
    in.only(Set.of("Event", "EventPattern"));
    String pattern = Envelope.patternToCloudEvent(in.required("EventPattern"));
    String event = envelope.eventToCloudEvent(in.required("Event"), in.region());
    return calls
        .call(() -> rules.test(new TestPatternRequest(event, pattern, null)))
        .map(AwsCalls::body)
        .map(result -> JSON.createObjectNode().put("Result", result.matches()));
  }

  /** The buses rules name, and {@code default}, within the key's scope. */
  private static ObjectNode failed(String code, String message) {
    return JSON.createObjectNode().put("ErrorCode", code).put("ErrorMessage", message);
  }
}
