package dev.railyard.api;

import dev.railyard.api.platform.EventTail;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * {@code GET /api/v1/buses/{bus}/events}: the newest events of a bus matching a pattern, read back
 * from its topic by the platform ({@link EventTail}), for the dashboard's events explorer and for
 * anyone debugging a rule. Query parameters are checked here; a token limited to other buses gets
 * 404, as for their rules.
 */
final class TailRoutes {

  private static final String PATH = "/api/v1/buses/:bus/events";

  private final PlatformCalls platform;

  TailRoutes(PlatformCalls platform) {
    this.platform = platform;
  }

  void mount(Router router) {
    router.get(PATH).handler(RequestObserver.route(PATH)).handler(this::tail);
  }

  private void tail(RoutingContext ctx) {
    EventTail.Request request;
    try {
      request =
          new EventTail.Request(
              ctx.pathParam("bus"),
              blankToNull(ctx.queryParams().get("pattern")),
              number(ctx, "limit", 50),
              number(ctx, "scan", 500),
              blankToNull(ctx.queryParams().get("after")));
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      throw ApiException.badRequest(
          "INVALID_REQUEST", message, Map.of("field", message.substring(0, message.indexOf(':'))));
    }
    Outcomes.answer(
        ctx, platform.tail(RuleRoutes.scope(ctx), request), "EVENTS_UNAVAILABLE", "Kafka");
  }

  private static int number(RoutingContext ctx, String name, int fallback) {
    String value = ctx.queryParams().get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": a whole number, got '" + value + "'");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
