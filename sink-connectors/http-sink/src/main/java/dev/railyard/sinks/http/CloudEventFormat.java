package dev.railyard.sinks.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The CloudEvents HTTP binding (1.0) of records whose value is a CloudEvent in JSON, as the router
 * writes them: binary (the data as the body, attributes as {@code ce-*} headers), structured (the
 * event as {@code application/cloudevents+json}) or batched (a JSON array of events as {@code
 * application/cloudevents-batch+json}). A value that is not a CloudEvent (a rule's transform
 * output) is refused with a {@link DataException}. Stateless.
 */
final class CloudEventFormat implements RequestFormat {

  enum Mode {
    BINARY,
    STRUCTURED,
    BATCHED
  }

  static final String STRUCTURED_TYPE = "application/cloudevents+json; charset=UTF-8";
  static final String BATCH_TYPE = "application/cloudevents-batch+json; charset=UTF-8";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> REQUIRED = Set.of("specversion", "id", "source", "type");
  private static final Set<String> NOT_HEADERS = Set.of("data", "data_base64", "datacontenttype");

  private final Mode mode;

  CloudEventFormat(Mode mode) {
    this.mode = mode;
  }

  @Override
  public int size(SinkRecord record) {
    event(record);
    return RawFormat.value(record).length + 1;
  }

  @Override
  public void write(List<SinkRecord> records, String method, HttpRequest.Builder request) {
    byte[] body;
    switch (mode) {
      case BINARY -> body = binary(event(records.get(0)), request);
      case STRUCTURED -> {
        event(records.get(0));
        body = RawFormat.value(records.get(0));
        request.header("Content-Type", STRUCTURED_TYPE);
      }
      default -> {
        ByteArrayOutputStream array = new ByteArrayOutputStream();
        array.write('[');
        for (int i = 0; i < records.size(); i++) {
          event(records.get(i));
          if (i > 0) {
            array.write(',');
          }
          array.writeBytes(RawFormat.value(records.get(i)));
        }
        array.write(']');
        body = array.toByteArray();
        request.header("Content-Type", BATCH_TYPE);
      }
    }
    request.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    ForwardedHeaders.addShared(request, records);
  }

  private static byte[] binary(ObjectNode event, HttpRequest.Builder request) {
    Iterator<Map.Entry<String, JsonNode>> fields = event.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey().toLowerCase(Locale.ROOT);
      if (!NOT_HEADERS.contains(name) && !field.getValue().isNull()) {
        JsonNode value = field.getValue();
        request.header("ce-" + name, encode(value.isTextual() ? value.asText() : value.toString()));
      }
    }
    JsonNode type = event.get("datacontenttype");
    String contentType = type != null && type.isTextual() ? type.asText() : "application/json";
    request.header("Content-Type", contentType);
    JsonNode base64 = event.get("data_base64");
    if (base64 != null && base64.isTextual()) {
      return Base64.getDecoder().decode(base64.asText());
    }
    JsonNode data = event.get("data");
    if (data == null || data.isNull()) {
      return new byte[0];
    }
    if (data.isTextual() && !isJson(contentType)) {
      return data.asText().getBytes(StandardCharsets.UTF_8);
    }
    return data.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static boolean isJson(String contentType) {
    String type = contentType.toLowerCase(Locale.ROOT);
    int semicolon = type.indexOf(';');
    String bare = (semicolon < 0 ? type : type.substring(0, semicolon)).strip();
    return bare.equals("application/json") || bare.endsWith("+json") || bare.equals("text/json");
  }

  /**
   * Percent-encodes (binding §3.1.3.2) what a header cannot carry as it is: characters outside
   * printable ASCII, and {@code %} itself. Spaces and quotes, which the binding would also encode,
   * stay as they are: HTTP carries them, and receivers that do not decode (the Java SDK 4.0.1 does
   * not) then still read most values right.
   */
  static String encode(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 0x20 && c < 0x7f && c != '%') {
        out.append((char) c);
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }

  /** The record's value as a CloudEvent; refuses one that is not. */
  private static ObjectNode event(SinkRecord record) {
    JsonNode node;
    try {
      node = JSON.readTree(RawFormat.value(record));
    } catch (JsonProcessingException e) {
      throw notAnEvent(record, "it is not JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw notAnEvent(record, "it cannot be read: " + e.getMessage());
    }
    if (!(node instanceof ObjectNode event)) {
      throw notAnEvent(record, "it is not a JSON object");
    }
    for (String attribute : REQUIRED) {
      JsonNode value = event.get(attribute);
      if (value == null || !value.isTextual() || value.asText().isEmpty()) {
        throw notAnEvent(record, "it has no " + attribute);
      }
    }
    return event;
  }

  private static DataException notAnEvent(SinkRecord record, String why) {
    return new DataException(
        "The value of "
            + record.topic()
            + "-"
            + record.kafkaPartition()
            + " offset "
            + record.kafkaOffset()
            + " is not a CloudEvent in JSON: "
            + why
            + "; a rule's transform output can be sent with "
            + HttpSinkConfig.CLOUDEVENTS_MODE_CONFIG
            + "=raw");
  }
}
