package dev.railyard.sinks.log;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The folder of a record under the sink's directory, from {@code log.path}: literal parts and
 * placeholders for the bus, topic, partition, rule and the date of the event. Values are made safe
 * as one path segment each. Immutable, thread-safe.
 */
final class PathTemplate {

  static final List<String> PLACEHOLDERS =
      List.of("bus", "topic", "partition", "rule", "yyyy", "MM", "dd", "HH");
  static final String PLACEHOLDERS_TEXT =
      "the placeholders {bus}, {topic}, {partition}, {rule}, {yyyy}, {MM}, {dd} and {HH}";

  private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._=/-]*");
  private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._=-]");

  /** What a record gives the placeholders. */
  record Values(String bus, String topic, int partition, String rule, Instant time) {}

  private final List<String> parts; // literals and "{name}"
  private final ZoneId zone;
  private final boolean eventTime;

  private PathTemplate(List<String> parts, ZoneId zone, boolean eventTime) {
    this.parts = parts;
    this.zone = zone;
    this.eventTime = eventTime;
  }

  /**
   * @throws IllegalArgumentException saying what is wrong and what would be valid
   */
  static PathTemplate parse(String template, ZoneId zone, boolean eventTime) {
    List<String> parts = new ArrayList<>();
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf('{', i);
      int literalEnd = open < 0 ? template.length() : open;
      String literal = template.substring(i, literalEnd);
      if (literal.contains("}")) {
        throw new IllegalArgumentException(
            "has a '}' without its '{' at "
                + (i + literal.indexOf('}'))
                + "; use "
                + PLACEHOLDERS_TEXT);
      }
      if (!LITERAL.matcher(literal).matches()) {
        throw new IllegalArgumentException(
            "may hold only letters, digits, '.', '_', '-', '=', '/' and "
                + PLACEHOLDERS_TEXT
                + ", not '"
                + literal
                + "'");
      }
      if (!literal.isEmpty()) {
        parts.add(literal);
      }
      if (open < 0) {
        break;
      }
      int close = template.indexOf('}', open);
      if (close < 0) {
        throw new IllegalArgumentException("has a '{' at " + open + " that is not closed");
      }
      String name = template.substring(open + 1, close);
      if (!PLACEHOLDERS.contains(name)) {
        throw new IllegalArgumentException(
            "has the unknown placeholder {" + name + "}; valid are " + PLACEHOLDERS_TEXT);
      }
      parts.add("{" + name + "}");
      i = close + 1;
    }
    checkSegments(template);
    return new PathTemplate(List.copyOf(parts), zone, eventTime);
  }

  private static void checkSegments(String template) {
    if (template.isEmpty()) {
      return;
    }
    if (template.startsWith("/")) {
      throw new IllegalArgumentException("must be relative to log.directory: drop the leading '/'");
    }
    for (String segment : template.split("/", -1)) {
      if (segment.isEmpty()) {
        throw new IllegalArgumentException("has an empty folder name ('//' or a trailing '/')");
      }
      if (segment.startsWith(".")) {
        throw new IllegalArgumentException(
            "has the folder '"
                + segment
                + "': a name may not begin with '.' (hidden names are the sink's own)");
      }
    }
  }

  /** Whether the template reads the event's time rather than the record's timestamp. */
  boolean eventTime() {
    return eventTime;
  }

  /** The relative folder of a record; "" for the sink's directory itself. */
  String render(Values values) {
    ZonedDateTime t = values.time().atZone(zone);
    Map<String, String> filled =
        Map.of(
            "{bus}", safe(values.bus()),
            "{topic}", safe(values.topic()),
            "{partition}", String.valueOf(values.partition()),
            "{rule}", safe(values.rule()),
            "{yyyy}", String.format("%04d", t.getYear()),
            "{MM}", String.format("%02d", t.getMonthValue()),
            "{dd}", String.format("%02d", t.getDayOfMonth()),
            "{HH}", String.format("%02d", t.getHour()));
    StringBuilder out = new StringBuilder();
    for (String part : parts) {
      out.append(filled.getOrDefault(part, part));
    }
    return out.toString();
  }

  /** A value as one path segment: no separator, no hidden or parent name, never empty. */
  static String safe(String value) {
    String s = UNSAFE.matcher(value == null ? "" : value).replaceAll("_");
    if (s.isEmpty() || s.startsWith(".")) {
      s = "_" + s;
    }
    return s;
  }
}
