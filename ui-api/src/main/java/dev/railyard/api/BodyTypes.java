package dev.railyard.api;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Bodies are read only when they say they are what the route expects. A cross-site page can send
 * {@code text/plain} and forms without a CORS pre-flight, but never {@code application/json}, so
 * refusing other types (instead of parsing them anyway) keeps such pages from writing.
 */
final class BodyTypes {

  static final Set<String> YAML =
      Set.of("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml");

  private BodyTypes() {}

  /**
   * @throws ApiException 415 unless the body is {@code application/json} or a {@code +json} type
   */
  static void requireJson(RoutingContext ctx) {
    String type = type(ctx);
    if (!isJson(type)) {
      throw unsupported(type, "application/json");
    }
  }

  /**
   * @throws ApiException 415 unless the body is YAML (or JSON, which YAML includes)
   */
  static void requireYaml(RoutingContext ctx) {
    String type = type(ctx);
    if (!YAML.contains(type) && !isJson(type)) {
      throw unsupported(type, "application/yaml");
    }
  }

  static boolean isJson(String type) {
    return type != null
        && (type.equals("application/json")
            || (type.startsWith("application/") && type.endsWith("+json")));
  }

  /** The media type without parameters, lower case; null when the request names none. */
  private static String type(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (header == null || header.isBlank()) {
      return null;
    }
    int semicolon = header.indexOf(';');
    return (semicolon < 0 ? header : header.substring(0, semicolon))
        .trim()
        .toLowerCase(Locale.ROOT);
  }

  private static ApiException unsupported(String type, String expected) {
    return new ApiException(
        415,
        "UNSUPPORTED_MEDIA_TYPE",
        (type == null
                ? "The body has no Content-Type"
                : "A body of type " + type + " is not read here")
            + "; send it as Content-Type: "
            + expected,
        Map.of("contentType", type == null ? "" : type, "expected", expected));
  }

  /**
   * For the Connect pass-through, whose REST API takes only JSON: A body of another type, or of
   * none (what {@code curl -d} and cross-site forms send), is refused here rather than relabelled:
   * a page of another site can send a form without a CORS pre-flight, but not JSON.
   *
   * @throws ApiException 415 for a body that is not declared as JSON
   */
  static void requireJson(MultiMap headers) {
    String type = headers.get(HttpHeaders.CONTENT_TYPE);
    boolean hasBody =
        (headers.contains(HttpHeaders.CONTENT_LENGTH)
                && !"0".equals(headers.get(HttpHeaders.CONTENT_LENGTH)))
            || headers.contains(HttpHeaders.TRANSFER_ENCODING);
    String media = type == null ? null : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (hasBody && !BodyTypes.isJson(media)) {
      throw new ApiException(
          415,
          "UNSUPPORTED_MEDIA_TYPE",
          (media == null
                  ? "The body has no Content-Type"
                  : "A body of type " + media + " is not passed on")
              + "; Kafka Connect takes Content-Type: application/json",
          Map.of("contentType", media == null ? "" : media, "expected", "application/json"));
    }
  }
}
