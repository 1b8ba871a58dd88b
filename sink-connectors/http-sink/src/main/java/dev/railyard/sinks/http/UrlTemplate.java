package dev.railyard.sinks.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.connect.data.Values;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * {@code http.url} with placeholders filled from each record: {@code {topic}}, {@code {partition}},
 * {@code {key}}, {@code {header:<record header>}} and {@code {event:<JSON pointer>}} into the
 * value, e.g. {@code https://api.example.com/customers/{event:/data/customer}}. Values are
 * percent-encoded (UTF-8, a space as %20), so one cannot add a path segment or a query parameter.
 * Braces rather than {@code ${...}}, which Connect reads as config providers. Immutable.
 */
final class UrlTemplate {

  static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
  static final String FORMS =
      "{topic}, {partition}, {key}, {header:<name>}, {event:<JSON pointer>}";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String template;
  private final List<String> parts;
  private final boolean fixed;

  UrlTemplate(String template) {
    this.template = template.strip();
    this.parts = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(this.template);
    while (m.find()) {
      parts.add(m.group(1));
    }
    this.fixed = parts.isEmpty();
  }

  /** Null when the placeholder is one of {@link #FORMS}, else why not. */
  static String problem(String placeholder) {
    if (placeholder.equals("topic")
        || placeholder.equals("partition")
        || placeholder.equals("key")) {
      return null;
    }
    if (placeholder.startsWith("header:") && placeholder.length() > "header:".length()) {
      return null;
    }
    if (placeholder.startsWith("event:/") || placeholder.equals("event:")) {
      return null;
    }
    return "{" + placeholder + "} is not a placeholder; use " + FORMS;
  }

  /** The template with each placeholder as {@code x}: what must make a valid URL. */
  static String sample(String template) {
    return PLACEHOLDER.matcher(template).replaceAll("x");
  }

  boolean fixed() {
    return fixed;
  }

  /** The URL of a record. @throws DataException when a value is missing */
  URI expand(SinkRecord record) {
    if (fixed) {
      return URI.create(template);
    }
    JsonNode[] value = new JsonNode[1];
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder url = new StringBuilder();
    while (m.find()) {
      String text = value(record, m.group(1), value);
      m.appendReplacement(
          url,
          Matcher.quoteReplacement(
              URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20")));
    }
    m.appendTail(url);
    return URI.create(url.toString());
  }

  private static String value(SinkRecord record, String placeholder, JsonNode[] parsed) {
    String value;
    if (placeholder.equals("topic")) {
      value = record.topic();
    } else if (placeholder.equals("partition")) {
      value = String.valueOf(record.kafkaPartition());
    } else if (placeholder.equals("key")) {
      value =
          record.key() == null ? null : Values.convertToString(record.keySchema(), record.key());
    } else if (placeholder.startsWith("header:")) {
      Header header = record.headers().lastWithName(placeholder.substring("header:".length()));
      value = header == null || header.value() == null ? null : text(header);
    } else {
      if (parsed[0] == null) {
        parsed[0] = json(record);
      }
      JsonNode node = parsed[0].at(placeholder.substring("event:".length()));
      value =
          node.isMissingNode() || node.isNull() ? null : node.isValueNode() ? node.asText() : null;
    }
    if (value == null || value.isEmpty()) {
      throw new DataException(
          "The record "
              + record.topic()
              + "-"
              + record.kafkaPartition()
              + " offset "
              + record.kafkaOffset()
              + " has no value for {"
              + placeholder
              + "} of "
              + HttpSinkConfig.URL_CONFIG
              + " (a missing, empty, null or non-scalar value)");
    }
    return value;
  }

  private static String text(Header header) {
    Object value = header.value();
    return value instanceof byte[] bytes
        ? new String(bytes, StandardCharsets.UTF_8)
        : Values.convertToString(header.schema(), value);
  }

  private static JsonNode json(SinkRecord record) {
    try {
      return JSON.readTree(RawFormat.value(record));
    } catch (IOException e) {
      throw new DataException(
          "The value of "
              + record.topic()
              + "-"
              + record.kafkaPartition()
              + " offset "
              + record.kafkaOffset()
              + " is not JSON, so {event:...} of "
              + HttpSinkConfig.URL_CONFIG
              + " cannot be read from it",
          e);
    }
  }

  @Override
  public String toString() {
    return template;
  }
}
