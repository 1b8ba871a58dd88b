package dev.railyard.rules.cloudevents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Turns PutEvents entries into CloudEvents. An entry is either a CloudEvent (it has {@code
 * specversion}) or the short form {@code {source, type, subject?, time?, data?}}, which is wrapped
 * with a new {@code id} and the current {@code time}. Either may name its {@code bus}. Thread-safe.
 */
public final class EventEntries {

  /** Largest accepted event, as EventBridge: 256 KiB of JSON. */
  public static final int MAX_EVENT_BYTES = 256 * 1024;

  public static final String DEFAULT_BUS = "default";

  private static final Pattern BUS_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,199}");
  private static final Pattern EXTENSION_NAME = Pattern.compile("[a-z0-9]{1,20}");
  private static final Set<String> SHORT_FORM_KEYS =
      Set.of("bus", "source", "type", "subject", "time", "data");
  private static final Set<String> STRING_ATTRIBUTES =
      Set.of(
          "id",
          "source",
          "specversion",
          "type",
          "datacontenttype",
          "dataschema",
          "subject",
          "time",
          "data_base64");

  private final ObjectMapper mapper = new ObjectMapper();
  private final Clock clock;
  private final Supplier<String> ids;

  public EventEntries(Clock clock, Supplier<String> ids) {
    this.clock = clock;
    this.ids = ids;
  }

  /** With the system clock and random UUIDs as ids. */
  public EventEntries() {
    this(Clock.systemUTC(), () -> UUID.randomUUID().toString());
  }

  /**
   * Checks one entry and returns the event to write or the problem.
   *
   * @param entry the entry as parsed JSON (maps, lists, strings, numbers, booleans, null); never
   *     null
   */
  public Outcome toEvent(Map<String, Object> entry) {
    String problem = checkBus(entry.get("bus"));
    if (problem != null) {
      return Outcome.refused(EntryProblem.invalid(problem));
    }
    String bus = entry.get("bus") == null ? DEFAULT_BUS : (String) entry.get("bus");
    Map<String, Object> event = new LinkedHashMap<>(entry);
    event.remove("bus");
    problem = entry.containsKey("specversion") ? checkCloudEvent(event) : wrapShortForm(event);
    if (problem != null) {
      return Outcome.refused(EntryProblem.invalid(problem));
    }
    byte[] json;
    try {
      json = mapper.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      return Outcome.refused(
          EntryProblem.invalid("the entry cannot be written as JSON: " + e.getOriginalMessage()));
    }
    if (json.length > MAX_EVENT_BYTES) {
      return Outcome.refused(
          new EntryProblem(
              "EntryTooLarge",
              "the event is "
                  + json.length
                  + " bytes of JSON; at most "
                  + MAX_EVENT_BYTES
                  + " bytes are accepted"));
    }
    // events about one thing (a partitionkey, else a subject) stay in order on one partition;
    // events with neither are keyed by their id, so they spread evenly over the partitions and
    // every task of a target gets its share (without a key, a burst lands in a few batches, each
    // on one partition, and one task drains most of it alone)
    Object key =
        event.containsKey("partitionkey")
            ? event.get("partitionkey")
            : event.containsKey("subject") ? event.get("subject") : event.get("id");
    return Outcome.accepted(
        new BusEvent(bus, (String) event.get("id"), key == null ? null : key.toString(), json));
  }

  private String wrapShortForm(Map<String, Object> event) {
    for (String key : event.keySet()) {
      if (!SHORT_FORM_KEYS.contains(key)) {
        return "unknown field \""
            + key
            + "\": an entry is a CloudEvent (with \"specversion\": "
            + "\"1.0\") or has only the fields bus, source, type, subject, time and data";
      }
    }
    String problem = requireString(event, "source", "e.g. \"shop\"");
    if (problem == null) {
      problem = requireString(event, "type", "e.g. \"order.paid\"");
    }
    if (problem == null) {
      problem = optionalString(event, "subject");
    }
    if (problem == null) {
      problem = checkTime(event.get("time"));
    }
    if (problem != null) {
      return problem;
    }
    Map<String, Object> wrapped = new LinkedHashMap<>();
    wrapped.put("specversion", "1.0");
    wrapped.put("id", ids.get());
    wrapped.put("source", event.get("source"));
    wrapped.put("type", event.get("type"));
    if (event.get("subject") != null) {
      wrapped.put("subject", event.get("subject"));
    }
    wrapped.put(
        "time",
        event.get("time") != null ? event.get("time") : OffsetDateTime.now(clock).toString());
    if (event.containsKey("data")) {
      wrapped.put("datacontenttype", "application/json");
      wrapped.put("data", event.get("data"));
    }
    event.clear();
    event.putAll(wrapped);
    return null;
  }

  private static String checkCloudEvent(Map<String, Object> event) {
    if (!"1.0".equals(event.get("specversion"))) {
      return "\"specversion\" must be \"1.0\", the only CloudEvents version supported, not "
          + describe(event.get("specversion"));
    }
    for (String required : new String[] {"id", "source", "type"}) {
      String problem = requireString(event, required, "required by CloudEvents 1.0");
      if (problem != null) {
        return problem;
      }
    }
    if (event.containsKey("data") && event.containsKey("data_base64")) {
      return "an event has \"data\" or \"data_base64\", not both";
    }
    for (Map.Entry<String, Object> e : event.entrySet()) {
      String name = e.getKey();
      if (name.equals("data")) {
        continue;
      }
      if (STRING_ATTRIBUTES.contains(name)) {
        String problem = optionalString(event, name);
        if (problem != null) {
          return problem;
        }
      } else if (!EXTENSION_NAME.matcher(name).matches()) {
        return "attribute \""
            + name
            + "\" is not a valid CloudEvents attribute name: "
            + "use 1 to 20 lower-case letters or digits";
      } else if (e.getValue() instanceof Map || e.getValue() instanceof Iterable) {
        return "extension attribute \"" + name + "\" must be a string, number or boolean";
      }
    }
    return checkTime(event.get("time"));
  }

  private static String checkBus(Object bus) {
    if (bus == null) {
      return null;
    }
    if (!(bus instanceof String name) || !BUS_NAME.matcher(name).matches()) {
      return "\"bus\" must be a bus name of 1 to 200 letters, digits, '-' or '_', starting with a "
          + "letter or digit, not "
          + describe(bus);
    }
    return null;
  }

  private static String checkTime(Object time) {
    if (time == null) {
      return null;
    }
    if (time instanceof String s) {
      try {
        OffsetDateTime.parse(s);
        return null;
      } catch (DateTimeParseException e) {
        // fall through to the message below
      }
    }
    return "\"time\" must be an RFC 3339 timestamp such as \"2026-11-26T10:00:00Z\", not "
        + describe(time);
  }

  private static String requireString(Map<String, Object> event, String field, String hint) {
    Object value = event.get(field);
    if (value instanceof String s && !s.isEmpty()) {
      return null;
    }
    return (value == null
            ? "\"" + field + "\" is missing"
            : "\"" + field + "\" is " + describe(value))
        + ": it must be a non-empty string ("
        + hint
        + ")";
  }

  private static String optionalString(Map<String, Object> event, String field) {
    Object value = event.get(field);
    return value == null || value instanceof String
        ? null
        : "\"" + field + "\" must be a string, not " + describe(value);
  }

  private static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return s.isEmpty() ? "an empty string" : "\"" + s + "\"";
    }
    if (value instanceof Map) {
      return "an object";
    }
    if (value instanceof Iterable) {
      return "an array";
    }
    return value.toString();
  }

  /** Either an event to write or the problem that refused the entry; exactly one is non-null. */
  public record Outcome(BusEvent event, EntryProblem problem) {

    static Outcome accepted(BusEvent event) {
      return new Outcome(event, null);
    }

    static Outcome refused(EntryProblem problem) {
      return new Outcome(null, problem);
    }
  }
}
