package dev.railyard.sinks.http;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.connect.data.Values;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Passes a record's {@code railyard.*} Kafka headers on as HTTP headers {@code X-Railyard-*}, so a
 * receiver can tell the rule and target and drop an event it has seen ({@code
 * X-Railyard-Event-Id}). Other Kafka headers stay behind. Stateless.
 */
final class ForwardedHeaders {

  static final String PREFIX = "railyard.";

  private ForwardedHeaders() {}

  /**
   * The HTTP name of a Kafka header key: {@code railyard.event.id} gives {@code
   * X-Railyard-Event-Id}; null when the key is not forwarded or makes no valid HTTP name.
   */
  static String httpName(String key) {
    if (key == null || !key.startsWith(PREFIX)) {
      return null;
    }
    StringBuilder name = new StringBuilder("X-Railyard");
    for (String part : key.substring(PREFIX.length()).split("[._-]+")) {
      if (!part.isEmpty()) {
        name.append('-')
            .append(part.substring(0, 1).toUpperCase(Locale.ROOT))
            .append(part.substring(1).toLowerCase(Locale.ROOT));
      }
    }
    String http = name.toString();
    return http.equals("X-Railyard") || !HttpSyntax.isToken(http) ? null : http;
  }

  /**
   * Adds the forwarded headers of a record to a request, in the record's order.
   *
   * @param headers the record's headers, may be null
   * @throws DataException when a forwarded value holds a line break or another control character
   */
  static void addTo(HttpRequest.Builder request, Headers headers) {
    for (Map.Entry<String, String> header : of(headers)) {
      request.header(header.getKey(), header.getValue());
    }
  }

  /**
   * Adds the forwarded headers of a request's records: a record's own when it is alone, else those
   * every record has with the same value, in the first record's order.
   *
   * @throws DataException when a forwarded value holds a line break or another control character
   */
  static void addShared(HttpRequest.Builder request, List<SinkRecord> records) {
    List<Map.Entry<String, String>> shared = new ArrayList<>(of(records.get(0).headers()));
    for (int i = 1; i < records.size(); i++) {
      shared.retainAll(of(records.get(i).headers()));
    }
    for (Map.Entry<String, String> header : shared) {
      request.header(header.getKey(), header.getValue());
    }
  }

  /**
   * The HTTP names and values of a record's forwarded headers, in order.
   *
   * @param headers the record's headers, may be null
   * @throws DataException when a forwarded value holds a line break or another control character
   */
  static List<Map.Entry<String, String>> of(Headers headers) {
    List<Map.Entry<String, String>> forwarded = new ArrayList<>();
    if (headers == null) {
      return forwarded;
    }
    for (Header header : headers) {
      String name = httpName(header.key());
      if (name == null || header.value() == null) {
        continue;
      }
      String value = text(header);
      if (HttpSyntax.hasControlCharacter(value)) {
        throw new DataException(
            "The record header "
                + header.key()
                + " cannot be sent as the "
                + "HTTP header "
                + name
                + ": its value holds a line break or another control character");
      }
      forwarded.add(Map.entry(name, value));
    }
    return forwarded;
  }

  private static String text(Header header) {
    Object value = header.value();
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    // the worker's header converter may have parsed the text into a number or a date
    return Values.convertToString(header.schema(), value);
  }
}
