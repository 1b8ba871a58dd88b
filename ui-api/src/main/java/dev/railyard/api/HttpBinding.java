package dev.railyard.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CloudEvents HTTP protocol binding on PutEvents: how a request that is not today's JSON array
 * of entries becomes entries. A request with a {@code ce-specversion} header is one event in binary
 * mode (attributes in {@code ce-*} headers, {@code Content-Type} its {@code datacontenttype}, the
 * body its data); {@code application/cloudevents+json} is one event in structured mode and {@code
 * application/cloudevents-batch+json} an array of them. The {@code bus} query parameter names the
 * bus of such events ({@code default} without it). What the attributes may hold is checked
 * afterwards like any entry's (the platform's {@code EventEntries}); here only what the binding
 * itself needs. A cross-site page cannot send {@code ce-*} headers without a CORS pre-flight, so
 * accepting any content type in binary mode opens no write to such pages. Stateless.
 */
final class HttpBinding {

  static final String STRUCTURED = "application/cloudevents+json";
  static final String BATCH = "application/cloudevents-batch+json";
  private static final String PREFIX = "ce-";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private HttpBinding() {}

  /** Whether the request is in one of the binding's modes, not a JSON array of entries. */
  static boolean applies(RoutingContext ctx) {
    String type = mediaType(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE));
    return ctx.request().headers().contains(PREFIX + "specversion")
        || STRUCTURED.equals(type)
        || BATCH.equals(type);
  }

  /**
   * The entries of a request in one of the binding's modes, each with its {@code bus}.
   *
   * @throws ApiException 400 naming the header, field or entry that is missing or invalid
   */
  static List<Map<String, Object>> entries(RoutingContext ctx, int max) {
    String bus = ctx.request().getParam("bus");
    List<Map<String, Object>> entries;
    if (ctx.request().headers().contains(PREFIX + "specversion")) {
      entries = List.of(binary(ctx.request().headers(), ctx.body().buffer()));
    } else if (STRUCTURED.equals(mediaType(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE)))) {
      entries = List.of(structured(JsonBodies.read(ctx), null));
    } else {
      entries = batch(JsonBodies.read(ctx), max);
    }
    if (bus != null) {
      for (int i = 0; i < entries.size(); i++) {
        Object own = entries.get(i).putIfAbsent("bus", bus);
        if (own != null && !own.equals(bus)) {
          throw ApiException.badRequest(
              "INVALID_REQUEST",
              "Event "
                  + i
                  + " names the bus "
                  + describe(own)
                  + " but the query names '"
                  + bus
                  + "'; name it in one place",
              Map.of("index", i, "field", "bus"));
        }
      }
    }
    return entries;
  }

  private static List<Map<String, Object>> batch(JsonNode body, int max) {
    if (!body.isArray()) {
      throw ApiException.badRequest(
          "INVALID_REQUEST",
          "A body of Content-Type "
              + BATCH
              + " must be a JSON array of CloudEvents, got "
              + JsonBodies.kind(body),
          null);
    }
    if (body.isEmpty() || body.size() > max) {
      throw ApiException.badRequest(
          "INVALID_REQUEST",
          "The batch must hold between 1 and "
              + max
              + " CloudEvents (events.max.entries), got "
              + body.size(),
          Map.of("min", 1, "max", max, "actual", body.size()));
    }
    List<Map<String, Object>> entries = new ArrayList<>(body.size());
    for (int i = 0; i < body.size(); i++) {
      entries.add(structured(body.get(i), i));
    }
    return entries;
  }

  private static Map<String, Object> structured(JsonNode event, Integer index) {
    String which = index == null ? "The CloudEvent" : "Event " + index + " of the batch";
    Map<String, Object> details = new LinkedHashMap<>();
    if (index != null) {
      details.put("index", index);
    }
    if (!event.isObject()) {
      throw ApiException.badRequest(
          "INVALID_REQUEST",
          which + " must be a JSON object, got " + JsonBodies.kind(event),
          details);
    }
    if (!event.has("specversion")) {
      details.put("field", "specversion");
      throw ApiException.badRequest(
          "INVALID_REQUEST",
          which
              + " has no \"specversion\": in "
              + (index == null ? STRUCTURED : BATCH)
              + " every event is a CloudEvent (\"specversion\": \"1.0\", id, source, type);"
              + " send the short form as application/json",
          details);
    }
    return JsonBodies.toMap(event);
  }

  private static Map<String, Object> binary(MultiMap headers, Buffer body) {
    Map<String, Object> event = new LinkedHashMap<>();
    for (String required : new String[] {"specversion", "id", "source", "type"}) {
      String value = headers.get(PREFIX + required);
      if (value == null || value.isEmpty()) {
        throw ApiException.badRequest(
            "INVALID_REQUEST",
            "A binary-mode CloudEvent needs the header "
                + PREFIX
                + required
                + " (required by CloudEvents 1.0), non-empty",
            Map.of("header", PREFIX + required));
      }
    }
    for (Map.Entry<String, String> h : headers) {
      String key = h.getKey().toLowerCase(Locale.ROOT);
      if (!key.startsWith(PREFIX)) {
        continue;
      }
      String name = key.substring(PREFIX.length());
      if (name.equals("data") || name.equals("data_base64") || name.equals("datacontenttype")) {
        throw ApiException.badRequest(
            "INVALID_REQUEST",
            "The header "
                + key
                + " is not read in binary mode: the body is the data and Content-Type its"
                + " datacontenttype",
            Map.of("header", key));
      }
      if (event.containsKey(name)) {
        throw ApiException.badRequest(
            "INVALID_REQUEST",
            "The header " + key + " is given twice; send each attribute once",
            Map.of("header", key));
      }
      event.put(name, percentDecoded(h.getValue(), key));
    }
    String contentType = headers.get(HttpHeaders.CONTENT_TYPE);
    if (contentType != null && !contentType.isBlank()) {
      event.put("datacontenttype", contentType.strip());
    }
    if (body != null && body.length() > 0) {
      putData(event, mediaType(contentType), contentType, body.getBytes());
    }
    return event;
  }

  private static void putData(
      Map<String, Object> event, String media, String contentType, byte[] body) {
    if (media == null || BodyTypes.isJson(media) || media.equals("text/json")) {
      try {
        event.put("data", MAPPER.readValue(body, Object.class));
        return;
      } catch (IOException e) {
        if (media != null) {
          throw ApiException.badRequest(
              "MALFORMED_JSON",
              "The body is not the JSON its Content-Type ("
                  + contentType
                  + ") says: "
                  + e.getMessage().lines().findFirst().orElse(""),
              Map.of("header", "Content-Type"));
        }
      }
    } else if (media.startsWith("text/")) {
      event.put("data", new String(body, StandardCharsets.UTF_8));
      return;
    }
    event.put("data_base64", Base64.getEncoder().encodeToString(body));
  }

  // the binding percent-encodes what an HTTP header cannot carry, as UTF-8 ('+' stays '+')
  private static String percentDecoded(String value, String header) {
    if (value.indexOf('%') < 0) {
      return value;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] != '%') {
        out.write(bytes[i]);
        continue;
      }
      int hi = i + 2 < bytes.length ? Character.digit(bytes[i + 1], 16) : -1;
      int lo = hi < 0 ? -1 : Character.digit(bytes[i + 2], 16);
      if (lo < 0) {
        throw ApiException.badRequest(
            "INVALID_REQUEST",
            "The header " + header + " has a '%' not followed by two hex digits",
            Map.of("header", header));
      }
      out.write(hi * 16 + lo);
      i += 2;
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String mediaType(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    int semicolon = header.indexOf(';');
    return (semicolon < 0 ? header : header.substring(0, semicolon))
        .trim()
        .toLowerCase(Locale.ROOT);
  }

  private static String describe(Object value) {
    return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
  }
}
