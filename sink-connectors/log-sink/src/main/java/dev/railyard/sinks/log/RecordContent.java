package dev.railyard.sinks.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * What a record holds, read the way the CloudEvents Kafka binding says: a binary-mode event (a
 * {@code ce_specversion} header, attributes in {@code ce_*} headers, the data as the value) is put
 * in the structured form it stands for; a JSON object with {@code specversion} is a structured
 * event; anything else is a plain value (its JSON, or its text as a JSON string).
 *
 * @param event the event in structured form, or null for a plain value
 * @param plain the plain value, or null for an event
 */
record RecordContent(ObjectNode event, JsonNode plain) {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final String CE = "ce_";

  /**
   * @return null for a record without a value (a tombstone)
   * @throws DataException for a value the sink cannot read
   */
  static RecordContent read(SinkRecord record) {
    Object value = record.value();
    Header specversion = record.headers().lastWithName(CE + "specversion");
    if (specversion != null) {
      return new RecordContent(binary(record), null);
    }
    if (value == null) {
      return null;
    }
    JsonNode node = valueAsJson(value);
    if (node instanceof ObjectNode o && o.has("specversion")) {
      return new RecordContent(o, null);
    }
    return new RecordContent(null, node);
  }

  /** What identifies the event (its source and id, as CloudEvents says), else null. */
  String eventKey() {
    if (event == null || !event.path("id").isTextual()) {
      return null;
    }
    return event.path("source").asText() + " " + event.get("id").asText();
  }

  /** The event's time, else null. */
  Instant eventTime() {
    if (event == null || !event.path("time").isTextual()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(event.get("time").asText()).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static ObjectNode binary(SinkRecord record) {
    ObjectNode event = JSON.createObjectNode();
    String contentType = null;
    for (Header h : record.headers()) {
      String key = h.key();
      if (key.startsWith(CE) && key.length() > CE.length()) {
        event.put(key.substring(CE.length()), text(h.value()));
      } else if (key.equalsIgnoreCase("content-type")) {
        contentType = text(h.value());
      }
    }
    if (contentType != null) {
      event.put("datacontenttype", contentType);
    }
    Object value = record.value();
    if (value == null) {
      return event;
    }
    byte[] bytes = bytes(value);
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    String media = type.split(";", 2)[0].strip();
    if (media.isEmpty() || isJson(media)) {
      try {
        event.set("data", JSON.readTree(bytes));
      } catch (IOException e) {
        if (!media.isEmpty()) {
          throw new DataException(
              "the data of binary-mode event "
                  + event.path("id").asText()
                  + " is not the JSON its "
                  + "content-type "
                  + contentType
                  + " says",
              e);
        }
        event.put("data", new String(bytes, StandardCharsets.UTF_8));
      }
    } else if (media.startsWith("text/")) {
      event.put("data", new String(bytes, StandardCharsets.UTF_8));
    } else {
      event.put("data_base64", Base64.getEncoder().encodeToString(bytes));
    }
    return event;
  }

  private static boolean isJson(String media) {
    return media.equals("application/json") || media.equals("text/json") || media.endsWith("+json");
  }

  private static JsonNode valueAsJson(Object value) {
    if (value instanceof byte[] || value instanceof String) {
      byte[] bytes = bytes(value);
      try {
        JsonNode node = JSON.readTree(bytes);
        if (node != null && !node.isMissingNode()) {
          return node;
        }
      } catch (JsonProcessingException e) {
        // not JSON: written as text
      } catch (IOException e) {
        throw new DataException("cannot read the record's value", e);
      }
      return new TextNode(new String(bytes, StandardCharsets.UTF_8));
    }
    if (value instanceof Struct) {
      throw new DataException(
          "the log sink takes values as bytes, strings or schemaless JSON: set value.converter to "
              + "org.apache.kafka.connect.converters.ByteArrayConverter, or to JsonConverter with "
              + "value.converter.schemas.enable=false");
    }
    return JSON.valueToTree(value);
  }

  private static byte[] bytes(Object value) {
    if (value instanceof byte[] b) {
      return b;
    }
    if (value instanceof String s) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new DataException("cannot write the record's value as JSON", e);
    }
  }

  private static String text(Object headerValue) {
    if (headerValue instanceof byte[] b) {
      return new String(b, StandardCharsets.UTF_8);
    }
    return headerValue == null ? null : headerValue.toString();
  }
}
