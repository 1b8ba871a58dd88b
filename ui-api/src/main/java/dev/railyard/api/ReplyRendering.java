package dev.railyard.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.api.platform.Reply;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** Renders a platform {@link Reply}: its body as JSON, or its error in the one error shape. */
final class ReplyRendering {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ReplyRendering() {}

  /**
   * Answers with the reply; a failed stage means the platform could not be asked and becomes a 503
   * with {@code code}, saying what was unavailable.
   */
  static void answer(RoutingContext ctx, Future<Reply> reply, String code, String what) {
    reply
        .recover(failure -> unavailable(failure, code, what))
        .onSuccess(r -> render(ctx, r))
        .onFailure(ctx::fail);
  }

  static void render(RoutingContext ctx, Reply reply) {
    if (reply.error() != null) {
      Responses.error(
          ctx,
          reply.status(),
          reply.error().code(),
          reply.error().message(),
          reply.error().details());
      return;
    }
    try {
      ctx.response()
          .setStatusCode(reply.status())
          .putHeader(HttpHeaders.CONTENT_TYPE, Responses.JSON)
          .end(MAPPER.writeValueAsString(reply.body()));
    } catch (JsonProcessingException e) {
      ctx.fail(e);
    }
  }

  static <T> Future<T> unavailable(Throwable failure, String code, String what) {
    Throwable cause = Responses.unwrap(failure);
    if (cause instanceof PlatformCalls.ContractViolation || cause instanceof ApiException) {
      return Future.failedFuture(cause);
    }
    return Future.failedFuture(
        ApiException.unavailable(
            code, what + " could not be reached: " + Responses.reason(failure)));
  }
}
