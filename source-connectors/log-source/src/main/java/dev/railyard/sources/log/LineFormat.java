package dev.railyard.sources.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a line becomes an event's data ({@code log.format}) and where its time comes from. Parsing
 * never fails: a line that does not parse is its text, flagged. Thread-safe.
 */
final class LineFormat {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

  /** The data of one event; {@code time} null when the line gave none. */
  record Parsed(JsonNode data, boolean text, boolean parseError, Instant time) {}

  private final String format;
  private final Pattern regex;
  private final List<String> groups;
  private final String timeField;
  private final String timeFormat;
  private final DateTimeFormatter timePattern;

  private LineFormat(String format, String regex, String timeField, String timeFormat) {
    this.format = format;
    this.regex = regex.isEmpty() ? null : Pattern.compile(regex);
    this.groups = new ArrayList<>();
    Matcher names = GROUP_NAME.matcher(regex);
    while (names.find()) {
      groups.add(names.group(1));
    }
    this.timeField = timeField;
    this.timeFormat = timeFormat;
    this.timePattern =
        LogValidators.TIME_FORMATS.contains(timeFormat)
            ? null
            : DateTimeFormatter.ofPattern(timeFormat);
  }

  static LineFormat of(String format, String regex, String timeField, String timeFormat) {
    return new LineFormat(format, regex, timeField, timeFormat);
  }

  Parsed parse(String line) {
    JsonNode data =
        switch (format) {
          case "json" -> json(line);
          case "logfmt" -> Logfmt.parse(line);
          case "regex" -> regex(line);
          default -> null;
        };
    if (data == null) {
      return new Parsed(TextNode.valueOf(line), true, !format.equals("raw"), null);
    }
    return new Parsed(data, false, false, timeOf(data));
  }

  private static JsonNode json(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      return node == null || node.isMissingNode() ? null : node;
    } catch (Exception e) {
      return null;
    }
  }

  private JsonNode regex(String line) {
    Matcher m = regex.matcher(line);
    if (!m.matches()) {
      return null;
    }
    ObjectNode data = JSON.createObjectNode();
    for (String group : groups) {
      String value = m.group(group);
      if (value != null) {
        data.put(group, value);
      }
    }
    return data;
  }

  private Instant timeOf(JsonNode data) {
    if (timeField.isEmpty() || !data.isObject() || !data.hasNonNull(timeField)) {
      return null;
    }
    JsonNode value = data.get(timeField);
    try {
      return switch (timeFormat) {
        case "epoch_millis" -> Instant.ofEpochMilli((long) Double.parseDouble(value.asText()));
        case "epoch_seconds" ->
            Instant.ofEpochMilli((long) (Double.parseDouble(value.asText()) * 1000));
        case "iso" -> OffsetDateTime.parse(value.asText()).toInstant();
        default -> ZonedDateTime.parse(value.asText(), timePattern).toInstant();
      };
    } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
      return null;
    }
  }
}
