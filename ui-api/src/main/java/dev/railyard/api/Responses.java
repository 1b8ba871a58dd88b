package dev.railyard.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Writes JSON answers and the one error shape. Stateless. */
final class Responses {

  static final String JSON = "application/json; charset=utf-8";

  /** The header of a paged list's answer that says how many items matched in all. */
  static final String TOTAL_COUNT = "X-Total-Count";

  private Responses() {}

  static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .end(body.encode());
  }

  /**
   * Answers {@code {"error": {"code", "message", "details"}}}. When the head is already on the wire
   * (a stream broke half-way) nothing sensible can be added, so the connection is reset instead.
   */
  static void error(
      RoutingContext ctx, int status, String code, String message, Map<String, Object> details) {
    HttpServerResponse response = ctx.response();
    if (response.ended()) {
      return;
    }
    if (response.headWritten()) {
      response.reset();
      return;
    }
    response.headers().clear();
    json(ctx, status, errorBody(code, message, details));
  }

  /** The one error shape, {@code {"error": {"code", "message", "details"}}}. */
  static JsonObject errorBody(String code, String message, Map<String, Object> details) {
    JsonObject error =
        new JsonObject()
            .put("code", code)
            .put("message", message)
            .put("details", details == null ? null : new JsonObject(details));
    return new JsonObject().put("error", error);
  }

  /** The innermost meaningful cause of an async failure, for messages and classification. */
  static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  /** A short reason for a client: the exception's message, or its type when it has none. */
  static String reason(Throwable failure) {
    Throwable cause = unwrap(failure);
    String message = cause.getMessage();
    return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
  }
}
