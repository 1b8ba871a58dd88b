package dev.railyard.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.Page;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Renders a platform {@link Outcome}: a success's body as JSON (a {@link Page} as its items, with
 * the count of all in {@value Responses#TOTAL_COUNT}), a refusal in the one error shape. The only
 * place where outcomes become HTTP statuses.
 */
final class Outcomes {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Outcomes() {}

  /**
   * Answers with the outcome; a failed stage is answered as {@link PlatformFailures#classify} says,
   * with {@code code} and {@code what} when a dependency is down.
   */
  static <T> void answer(RoutingContext ctx, Future<Outcome<T>> outcome, String code, String what) {
    outcome
        .recover(
            failure -> PlatformFailures.classify(failure, code, what + " could not be reached"))
        .onSuccess(o -> render(ctx, o))
        .onFailure(ctx::fail);
  }

  static void render(RoutingContext ctx, Outcome<?> outcome) {
    if (outcome instanceof Outcome.Refused<?> refused) {
      Responses.error(
          ctx, status(refused.kind()), refused.code(), refused.message(), refused.details());
      return;
    }
    Object body = outcome.body();
    if (body instanceof Page<?> page) {
      // the page's items are the same array an unpaged call answers; the count goes beside it
      ctx.response().putHeader(Responses.TOTAL_COUNT, String.valueOf(page.total()));
      body = page.items();
    }
    try {
      ctx.response()
          .setStatusCode(status(outcome))
          .putHeader(HttpHeaders.CONTENT_TYPE, Responses.JSON)
          .end(json(body));
    } catch (JsonProcessingException e) {
      ctx.fail(e);
    }
  }

  /** A success's body as the API writes it. */
  static String json(Object body) throws JsonProcessingException {
    return MAPPER.writeValueAsString(body);
  }

  /** The status of a success. */
  static int status(Outcome<?> outcome) {
    if (outcome instanceof Outcome.Created<?>) {
      return 201;
    }
    return outcome instanceof Outcome.Accepted<?> ? 202 : 200;
  }

  /** The status of a refusal. */
  static int status(Outcome.Kind kind) {
    return switch (kind) {
      case INVALID -> 400;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case FORBIDDEN -> 403;
      case TOO_LARGE -> 413;
      case UNAVAILABLE -> 503;
    };
  }
}
