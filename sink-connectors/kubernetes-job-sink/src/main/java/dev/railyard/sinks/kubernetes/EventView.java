package dev.railyard.sinks.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One record read as the CloudEvent it carries, in either mode of the Kafka binding: structured
 * (the value is the event's JSON) or binary ({@code ce_*} headers, the value the data), and the
 * values of the template's placeholders taken from it. Immutable.
 */
final class EventView {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode event;

  private EventView(JsonNode event) {
    this.event = event;
  }

  /**
   * @throws DataException when the record holds no CloudEvent with an id
   */
  static EventView of(SinkRecord record) {
    byte[] value = bytes(record.value());
    Header specversion = record.headers().lastWithName("ce_specversion");
    JsonNode event;
    if (specversion != null) {
      ObjectNode binary = JSON.createObjectNode();
      for (Header h : record.headers()) {
        if (h.key().startsWith("ce_") && h.value() != null) {
          binary.put(h.key().substring(3), text(h.value()));
        }
      }
      binary.set("data", value == null ? null : parse(value, true));
      event = binary;
    } else {
      if (value == null) {
        throw new DataException("a record without a value holds no event");
      }
      event = parse(value, false);
    }
    if (!event.path("id").isTextual() || event.path("id").asText().isEmpty()) {
      throw new DataException(
          "the record's value is not a CloudEvent with an id (structured JSON, or ce_* headers)");
    }
    return new EventView(event);
  }

  String id() {
    return event.path("id").asText();
  }

  String type() {
    return event.path("type").asText();
  }

  /**
   * The value of a placeholder: an attribute, or a dot path into the data.
   *
   * @throws DataException when the event lacks it
   */
  String value(String name) {
    JsonNode node;
    if (name.equals("data") || name.startsWith("data.")) {
      node = event.path("data");
      if (name.length() > 4) {
        for (String step : name.substring(5).split("\\.")) {
          node =
              node.isArray() && step.matches("[0-9]+")
                  ? node.path(Integer.parseInt(step))
                  : node.path(step);
        }
      }
    } else {
      node = event.path(name);
    }
    if (node.isMissingNode() || node.isNull()) {
      throw new DataException("the event " + id() + " has no " + name + " for ${" + name + "}");
    }
    return node.isValueNode() ? node.asText() : node.toString();
  }

  private static JsonNode parse(byte[] value, boolean orText) {
    try {
      return JSON.readTree(value);
    } catch (IOException e) {
      if (orText) {
        return JSON.getNodeFactory().textNode(new String(value, StandardCharsets.UTF_8));
      }
      throw new DataException("the record's value is not JSON: " + e.getMessage());
    }
  }

  private static byte[] bytes(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof byte[] b) {
      return b;
    }
    if (value instanceof String s) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    throw new DataException(
        "the record's value is a "
            + value.getClass().getSimpleName()
            + "; set value.converter to org.apache.kafka.connect.storage.StringConverter or"
            + " org.apache.kafka.connect.converters.ByteArrayConverter");
  }

  private static String text(Object headerValue) {
    return headerValue instanceof byte[] b
        ? new String(b, StandardCharsets.UTF_8)
        : String.valueOf(headerValue);
  }
}
