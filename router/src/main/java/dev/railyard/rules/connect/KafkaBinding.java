package dev.railyard.rules.connect;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.rules.model.Target;
import dev.railyard.rules.model.Topology;
import dev.railyard.rules.transform.Transformer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.connect.data.Values;
import org.apache.kafka.connect.errors.DataException;

/**
 * The CloudEvents Kafka protocol binding, as the router reads and writes it. A record whose headers
 * hold {@code ce_specversion} is a binary-mode event: its attributes are the {@code ce_*} headers,
 * its {@code datacontenttype} the {@code content-type} header and its data the value. Any other
 * record is the event itself in structured JSON (with {@code content-type:
 * application/cloudevents+json}, or plain JSON as PutEvents wrote before the binding). The rules
 * match one JSON view of both: a binary-mode event is read into the structured JSON it would have
 * been ({@link #readBinary}), and only such events cost the work, so structured events take the
 * path they always took.
 *
 * <p>What the router writes is valid under the binding: the whole event goes on in the mode it came
 * in (a structured one with its content-type header); a payload a transform made goes in binary
 * mode, with the event's attributes as {@code ce_*} headers and the payload's media type. Stateless
 * and thread-safe.
 */
public final class KafkaBinding {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CE = Topology.CLOUDEVENT_HEADER_PREFIX;
  private static final String CONTENT_TYPE = Topology.CONTENT_TYPE_HEADER;
  private static final String SPECVERSION = CE + "specversion";
  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[a-z0-9]{1,20}");

  /** The content-type header of a structured-mode event. */
  static final Header STRUCTURED = header(CONTENT_TYPE, Topology.STRUCTURED_CONTENT_TYPE);

  static final List<Header> STRUCTURED_ONLY = List.of(STRUCTURED);
  private static final Header JSON_TYPE = header(CONTENT_TYPE, "application/json");
  private static final Header TEXT_TYPE = header(CONTENT_TYPE, "text/plain; charset=utf-8");

  private KafkaBinding() {}

  /**
   * A binary-mode event as it was read.
   *
   * @param json the structured JSON the rules and transforms see
   * @param data the record's value as it came, the event's data; null for an event without data
   * @param attributes the {@code ce_*} headers as they came, in their order
   * @param headers the {@code ce_*} headers and then the {@code content-type} header, if any: what
   *     a record carrying the event on in binary mode needs
   */
  public record Binary(byte[] json, byte[] data, List<Header> attributes, List<Header> headers) {}

  /**
   * Reads a record in binary mode, or answers null when it is not one (no {@code ce_specversion}
   * header), which costs one look through the headers.
   *
   * @param headers the record's Connect headers, values as bytes (the router's header converter is
   *     Connect's {@code ByteArrayConverter}) or text
   * @param value the record's value; may be null (an event without data)
   * @throws DataException naming the header or the value when the event is not valid under the
   *     binding
   */
  public static Binary readBinary(org.apache.kafka.connect.header.Headers headers, byte[] value) {
    if (headers == null || headers.lastWithName(SPECVERSION) == null) {
      return null;
    }
    Map<String, byte[]> found = new LinkedHashMap<>();
    for (org.apache.kafka.connect.header.Header h : headers) {
      if (isBindingHeader(h.key()) && h.value() != null) {
        found.put(h.key(), bytesOf(h));
      }
    }
    return binary(found, value);
  }

  /** As {@link #readBinary(org.apache.kafka.connect.header.Headers, byte[])}, for Kafka headers. */
  public static Binary readBinary(org.apache.kafka.common.header.Headers headers, byte[] value) {
    if (headers == null || headers.lastHeader(SPECVERSION) == null) {
      return null;
    }
    Map<String, byte[]> found = new LinkedHashMap<>();
    for (Header h : headers) {
      if (isBindingHeader(h.key()) && h.value() != null) {
        found.put(h.key(), h.value());
      }
    }
    return binary(found, value);
  }

  /** The headers of the binding a record carries (as they are), to keep them on a dead letter. */
  static List<Header> bindingHeaders(org.apache.kafka.connect.header.Headers headers) {
    List<Header> kept = new ArrayList<>();
    if (headers != null) {
      for (org.apache.kafka.connect.header.Header h : headers) {
        if (isBindingHeader(h.key()) && h.value() != null) {
          kept.add(new RecordHeader(h.key(), bytesOf(h)));
        }
      }
    }
    return kept;
  }

  /** The value that carries the whole event on: the JSON, or a binary event's data. */
  static byte[] value(byte[] json, Binary binary) {
    return binary == null ? json : binary.data();
  }

  /** The binding headers that carry the whole event on, in the mode it came in. */
  static List<Header> headers(Binary binary) {
    return binary == null ? STRUCTURED_ONLY : binary.headers();
  }

  /**
   * The attributes of a structured event as binary-mode headers: every top-level member but {@code
   * data}, {@code data_base64} and {@code datacontenttype}, numbers and booleans as their JSON
   * text.
   *
   * @param event the parsed event; null gives no headers
   */
  static List<Header> attributes(JsonNode event) {
    if (event == null || !event.isObject()) {
      return List.of();
    }
    List<Header> headers = new ArrayList<>(event.size());
    for (Iterator<Map.Entry<String, JsonNode>> it = event.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> member = it.next();
      String name = member.getKey();
      JsonNode value = member.getValue();
      if (name.equals("data")
          || name.equals("data_base64")
          || name.equals("datacontenttype")
          || !value.isValueNode()
          || value.isNull()) {
        continue;
      }
      headers.add(header(CE + name, value.isTextual() ? value.asText() : value.toString()));
    }
    return headers;
  }

  /**
   * The binding headers of a payload made from an event: binary mode, the event's attributes and
   * the payload's media type.
   */
  static List<Header> payloadHeaders(List<Header> attributes, String mediaType) {
    Header type =
        switch (mediaType) {
          case "application/json" -> JSON_TYPE;
          case "text/plain; charset=utf-8" -> TEXT_TYPE;
          default -> header(CONTENT_TYPE, mediaType);
        };
    List<Header> headers = new ArrayList<>(attributes.size() + 1);
    headers.addAll(attributes);
    headers.add(type);
    return headers;
  }

  /**
   * What carries a rule's output on, under the binding.
   *
   * @param value the record's value
   * @param headers the binding's headers of the record (the caller adds its own)
   */
  public record Output(byte[] value, List<Header> headers) {}

  /**
   * The value and binding headers of a record carrying what {@code transformer} made of an event,
   * as the router writes them: the whole event in the mode it came in, a payload in binary mode.
   *
   * @param output what the transformer returned for the event
   * @param json the event's JSON (for a binary event, {@link Binary#json})
   * @param binary the event as read in binary mode, or null for a structured event
   * @param event the parsed {@code json}; may be null for a binary event or the whole event
   */
  public static Output output(
      Transformer transformer, byte[] output, byte[] json, Binary binary, JsonNode event) {
    if (transformer.wholeEvent()) {
      return new Output(value(json, binary), headers(binary));
    }
    return new Output(
        output,
        payloadHeaders(
            binary != null ? binary.attributes() : attributes(event),
            transformer.mediaType(output)));
  }

  /**
   * What carries an output on in the mode a target asks for: the output itself when it is in that
   * mode already or the target keeps the mode; else the same event in the other mode.
   *
   * @param output as {@link #output} made it
   * @throws DataException when a structured event's {@code data_base64} is not base64
   */
  public static Output as(Target.EventMode mode, Output output) {
    return BindingModes.as(mode, output);
  }

  private static Binary binary(Map<String, byte[]> found, byte[] value) {
    String specversion = text(found.get(SPECVERSION));
    if (!"1.0".equals(specversion)) {
      throw new DataException(
          "the header "
              + SPECVERSION
              + " is \""
              + specversion
              + "\": only CloudEvents 1.0 is supported, so it must be \"1.0\"");
    }
    for (String required : new String[] {"id", "source", "type"}) {
      byte[] v = found.get(CE + required);
      if (v == null || v.length == 0) {
        throw new DataException(
            "a binary-mode CloudEvent needs the header "
                + CE
                + required
                + " (required by CloudEvents 1.0), non-empty");
      }
    }
    List<Header> attributes = new ArrayList<>(found.size());
    List<Header> all = new ArrayList<>(found.size());
    String contentType = null;
    for (Map.Entry<String, byte[]> h : found.entrySet()) {
      if (h.getKey().equals(CONTENT_TYPE)) {
        contentType = text(h.getValue());
        continue;
      }
      String name = h.getKey().substring(CE.length());
      if (!ATTRIBUTE_NAME.matcher(name).matches()
          || name.equals("data")
          || name.equals("datacontenttype")) {
        throw new DataException(
            "the header "
                + h.getKey()
                + " names no valid CloudEvents attribute: after \"ce_\" come 1 to 20 lower-case"
                + " letters or digits, other than data and datacontenttype (the content-type"
                + " header holds that)");
      }
      Header header = new RecordHeader(h.getKey(), h.getValue());
      attributes.add(header);
      all.add(header);
    }
    if (contentType != null) {
      all.add(new RecordHeader(CONTENT_TYPE, found.get(CONTENT_TYPE)));
    }
    return new Binary(
        view(attributes, contentType, value), value, List.copyOf(attributes), List.copyOf(all));
  }

  // the structured JSON of the event: specversion and id first (EventId finds the id at once)
  static byte[] view(List<Header> attributes, String contentType, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + (value == null ? 0 : value.length));
    try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("specversion", "1.0");
      json.writeStringField("id", text(valueOf(attributes, CE + "id")));
      for (Header h : attributes) {
        String name = h.key().substring(CE.length());
        if (!name.equals("specversion") && !name.equals("id")) {
          json.writeStringField(name, text(h.value()));
        }
      }
      if (contentType != null) {
        json.writeStringField("datacontenttype", contentType);
      }
      if (value != null && value.length > 0) {
        writeData(json, contentType, value);
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void writeData(JsonGenerator json, String contentType, byte[] value)
      throws IOException {
    String media =
        contentType == null ? null : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (media == null || isJson(media)) {
      JsonNode data = null;
      try {
        data = JSON.readTree(value);
      } catch (IOException e) {
        if (media != null) {
          throw new DataException(
              "the value is not the JSON its content-type header ("
                  + contentType
                  + ") says: "
                  + e.getMessage().lines().findFirst().orElse(""));
        }
      }
      if (data != null && !data.isMissingNode()) {
        json.writeFieldName("data");
        json.writeTree(data);
        return;
      }
      if (media != null) {
        return; // JSON with no value at all: an event without data
      }
    } else if (media.startsWith("text/")) {
      json.writeStringField("data", new String(value, StandardCharsets.UTF_8));
      return;
    }
    json.writeFieldName("data_base64");
    json.writeBinary(value);
  }

  /**
   * Whether a media type (lower case, without parameters) is JSON: {@code application/json}, {@code
   * text/json} or {@code +json}.
   */
  static boolean isJson(String media) {
    return media.equals("application/json") || media.equals("text/json") || media.endsWith("+json");
  }

  private static byte[] valueOf(List<Header> headers, String key) {
    for (Header h : headers) {
      if (h.key().equals(key)) {
        return h.value();
      }
    }
    return null;
  }

  private static boolean isBindingHeader(String key) {
    return key != null && (key.startsWith(CE) || key.equals(CONTENT_TYPE));
  }

  private static byte[] bytesOf(org.apache.kafka.connect.header.Header h) {
    Object v = h.value();
    if (v instanceof byte[] b) {
      return b;
    }
    String s = v instanceof String text ? text : Values.convertToString(h.schema(), v);
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  static Header header(String key, String value) {
    return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
  }
}
