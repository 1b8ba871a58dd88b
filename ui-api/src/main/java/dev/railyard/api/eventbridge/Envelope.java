package dev.railyard.api.eventbridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Maps EventBridge's event envelope to the CloudEvent a bus holds, and patterns between the two
 * forms (docs/eventbridge-api.md has the table):
 *
 * <pre>
 *   EventBridge   CloudEvent
 *   id            id
 *   source        source
 *   detail-type   type
 *   time          time
 *   detail        data (datacontenttype application/json)
 *   account       extension "account" (always {@value #ACCOUNT})
 *   region        extension "region" (the region the request was signed for)
 *   resources     extension "resources" (the ARNs joined with ',')
 *   version       not kept (always "0")
 * </pre>
 *
 * A pattern on {@code resources} or {@code version} is refused: CloudEvents extensions hold one
 * value, so neither can be matched as EventBridge does. Thread-safe.
 */
final class Envelope {

  /** The account id every event and ARN carries: Railyard has no accounts. */
  static final String ACCOUNT = "000000000000";

  /** The fields of a PutEvents entry ({@code TraceHeader} is taken and not kept). */
  static final List<String> ENTRY_FIELDS =
      List.of("Source", "DetailType", "Detail", "EventBusName", "Resources", "Time", "TraceHeader");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ISO_INSTANT;
  private static final Map<String, String> TO_CLOUD_EVENT =
      Map.of(
          "id", "id",
          "source", "source",
          "detail-type", "type",
          "time", "time",
          "detail", "data",
          "account", "account",
          "region", "region");

  private final Clock clock;
  private final Supplier<String> ids;

  Envelope(Clock clock, Supplier<String> ids) {
    this.clock = clock;
    this.ids = ids;
  }

  /** A pattern in EventBridge's form as the same pattern on the CloudEvent. */
  static String patternToCloudEvent(String eventPattern) {
    JsonNode pattern = read(eventPattern, "InvalidEventPatternException", "EventPattern");
    if (!pattern.isObject()) {
      throw new AwsException(
          400, "InvalidEventPatternException", "EventPattern must be a JSON object");
    }
    ObjectNode out = JSON.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = pattern.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = TO_CLOUD_EVENT.get(field.getKey());
      if (name == null) {
        throw new AwsException(
            400,
            "InvalidEventPatternException",
            "EventPattern."
                + field.getKey()
                + ": Railyard matches "
                + String.join(", ", TO_CLOUD_EVENT.keySet().stream().sorted().toList())
                + (field.getKey().equals("resources") || field.getKey().equals("version")
                    ? " but not " + field.getKey() + " (see docs/eventbridge-api.md)"
                    : "; " + field.getKey() + " is not a field of an EventBridge event"));
      }
      out.set(name, field.getValue());
    }
    return write(out);
  }

  /**
   * A rule's pattern as EventBridge shows it: its CloudEvent fields renamed back. A list of
   * CloudEvents filters, and fields EventBridge has no name for (such as {@code subject}), are
   * given as they are.
   */
  static String patternToEventBridge(JsonNode pattern) {
    if (!pattern.isObject()) {
      return write(pattern);
    }
    Map<String, String> back = new LinkedHashMap<>();
    TO_CLOUD_EVENT.forEach((eb, ce) -> back.put(ce, eb));
    ObjectNode out = JSON.createObjectNode();
    pattern
        .fields()
        .forEachRemaining(f -> out.set(back.getOrDefault(f.getKey(), f.getKey()), f.getValue()));
    return write(out);
  }

  /**
   * An event in EventBridge's envelope (TestEventPattern's {@code Event}) as its CloudEvent JSON.
   * {@code source} and {@code detail-type} are required; a missing {@code id}, {@code time}, {@code
   * account}, {@code region} or {@code detail} is filled in.
   */
  String eventToCloudEvent(String eventJson, String region) {
    JsonNode event = read(eventJson, "ValidationException", "Event");
    if (!event.isObject()) {
      throw AwsException.validation("Event must be a JSON object");
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("specversion", "1.0");
    out.put("id", text(event, "id", false, "Event", ids.get()));
    out.put("source", text(event, "source", true, "Event", null));
    out.put("type", text(event, "detail-type", true, "Event", null));
    out.put("time", time(text(event, "time", false, "Event", null), "Event.time"));
    out.put("account", text(event, "account", false, "Event", ACCOUNT));
    out.put("region", text(event, "region", false, "Event", region));
    JsonNode resources = event.get("resources");
    if (resources != null && !resources.isEmpty()) {
      out.put("resources", joined(resources, "Event.resources"));
    }
    JsonNode detail = event.get("detail");
    if (detail != null && !detail.isNull() && !detail.isObject()) {
      throw AwsException.validation("Event.detail must be a JSON object");
    }
    out.put("datacontenttype", "application/json");
    out.set("data", detail == null || detail.isNull() ? JSON.createObjectNode() : detail);
    return write(out);
  }

  /**
   * A PutEvents entry as the CloudEvent entry the publisher takes ({@code bus} and the event).
   *
   * @throws EntryError naming the field, for this entry's result only
   */
  Map<String, Object> entryToCloudEvent(JsonNode entry, String region) {
    for (Iterator<String> names = entry.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!ENTRY_FIELDS.contains(name)) {
        throw new EntryError(
            "InvalidArgument",
            name
                + " is not a field of a PutEvents entry Railyard takes; fields are "
                + String.join(", ", ENTRY_FIELDS));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("bus", Arns.busName(entry.path("EventBusName").asText(Arns.DEFAULT_BUS)));
    out.put("specversion", "1.0");
    out.put("id", ids.get());
    out.put("source", entryText(entry, "Source"));
    out.put("type", entryText(entry, "DetailType"));
    out.put("time", entryTime(entry.get("Time")));
    out.put("account", ACCOUNT);
    out.put("region", region);
    JsonNode resources = entry.get("Resources");
    if (resources != null && !resources.isEmpty()) {
      try {
        out.put("resources", joined(resources, "Resources"));
      } catch (AwsException e) {
        throw new EntryError("InvalidArgument", e.getMessage());
      }
    }
    String detail = entryText(entry, "Detail");
    JsonNode data;
    try {
      data = JSON.readTree(detail);
    } catch (JsonProcessingException e) {
      throw new EntryError(
          "MalformedDetail", "Detail is not valid JSON: " + e.getOriginalMessage());
    }
    if (data == null || !data.isObject()) {
      throw new EntryError("MalformedDetail", "Detail must be a JSON object as a string");
    }
    out.put("datacontenttype", "application/json");
    out.put("data", JSON.convertValue(data, Map.class));
    return out;
  }

  private static String entryText(JsonNode entry, String field) {
    JsonNode value = entry.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw new EntryError("InvalidArgument", field + " is required: a non-empty string");
    }
    return value.asText();
  }

  // the JSON 1.1 protocol sends timestamps as epoch seconds; an ISO-8601 string is taken too
  private String entryTime(JsonNode time) {
    if (time == null || time.isNull()) {
      return RFC_3339.format(clock.instant());
    }
    if (time.isNumber()) {
      return RFC_3339.format(Instant.ofEpochMilli(Math.round(time.asDouble() * 1000)));
    }
    try {
      return time(time.asText(), "Time");
    } catch (AwsException e) {
      throw new EntryError("InvalidArgument", e.getMessage());
    }
  }

  // always with seconds, in UTC, as CloudEvents' RFC 3339 times are
  private String time(String value, String field) {
    if (value == null) {
      return RFC_3339.format(clock.instant());
    }
    try {
      return RFC_3339.format(OffsetDateTime.parse(value).toInstant());
    } catch (DateTimeParseException e) {
      throw AwsException.validation(
          field + " must be an ISO-8601 time such as 2026-12-03T12:00:00Z, not '" + value + "'");
    }
  }

  private static String joined(JsonNode resources, String field) {
    if (!resources.isArray()) {
      throw AwsException.validation(field + " must be a list of ARNs");
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < resources.size(); i++) {
      JsonNode r = resources.get(i);
      if (!r.isTextual() || r.asText().isEmpty() || r.asText().contains(",")) {
        throw AwsException.validation(
            field + "[" + i + "] must be a non-empty ARN without ',', not " + r);
      }
      out.append(i == 0 ? "" : ",").append(r.asText());
    }
    return out.toString();
  }

  private static String text(
      JsonNode event, String field, boolean required, String where, String fallback) {
    JsonNode value = event.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw AwsException.validation(where + "." + field + " is required: a non-empty string");
      }
      return fallback;
    }
    if (!value.isTextual() || value.asText().isEmpty()) {
      throw AwsException.validation(
          where + "." + field + " must be a non-empty string, not " + value);
    }
    return value.asText();
  }

  private static JsonNode read(String json, String type, String field) {
    if (json == null) {
      throw new AwsException(400, type, field + " is required: JSON text");
    }
    try {
      JsonNode node = JSON.readTree(json);
      if (node == null) {
        throw new AwsException(400, type, field + " is empty; it must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new AwsException(400, type, field + " is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be written", e);
    }
  }

  /** The failure of one PutEvents entry: it goes into that entry's result, not the call's. */
  static final class EntryError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;

    EntryError(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }

    String code() {
      return code;
    }
  }
}
