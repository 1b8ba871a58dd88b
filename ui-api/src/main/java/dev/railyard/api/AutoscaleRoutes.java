package dev.railyard.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/v1/autoscale}: the policy in force, the latest snapshot and decisions; {@code PUT
 * /api/v1/autoscale} with {@code {"autoscale.workers.max": 4, ...}} changes the policy at run time
 * (validated like {@code railyard.properties}: a bad key or value is a 400 naming it and nothing
 * changes); {@code GET /api/v1/autoscale/decisions?since=<instant>}: the timeline.
 */
final class AutoscaleRoutes {

  private static final String PATH = "/api/v1/autoscale";
  private static final String CODE = "AUTOSCALE_UNAVAILABLE";
  private static final String WHAT = "The autoscaler";

  private final PlatformCalls platform;
  private final BodyHandler bodies;

  AutoscaleRoutes(PlatformCalls platform, BodyHandler bodies) {
    this.platform = platform;
    this.bodies = bodies;
  }

  void mount(Router router) {
    router
        .get(PATH)
        .handler(RequestObserver.route(PATH))
        .handler(ctx -> Outcomes.answer(ctx, platform.autoscale(a -> a.status()), CODE, WHAT));
    router.put(PATH).handler(RequestObserver.route(PATH)).handler(bodies).handler(this::update);
    router
        .get(PATH + "/decisions")
        .handler(RequestObserver.route(PATH + "/decisions"))
        .handler(this::decisions);
  }

  private void update(RoutingContext ctx) {
    Map<String, String> changes = changes(JsonBodies.read(ctx));
    Outcomes.answer(ctx, platform.autoscale(a -> a.update(changes)), CODE, WHAT);
  }

  private static Map<String, String> changes(JsonNode body) {
    if (!body.isObject() || body.isEmpty()) {
      throw ApiException.badRequest(
          "INVALID_BODY",
          "The body must be a JSON object of autoscale settings, e.g. "
              + "{\"autoscale.workers.max\": 4}; GET "
              + PATH
              + " shows them all",
          Map.of());
    }
    Map<String, String> changes = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode value = field.getValue();
      if (!value.isValueNode() || value.isNull()) {
        throw ApiException.badRequest(
            "INVALID_FIELD",
            "Setting '" + field.getKey() + "' needs a string, number or boolean, got " + value,
            Map.of("field", field.getKey()));
      }
      changes.put(field.getKey(), value.asText());
    }
    return changes;
  }

  private void decisions(RoutingContext ctx) {
    String since = ctx.request().getParam("since");
    Instant from = null;
    if (since != null) {
      try {
        from = Instant.parse(since);
      } catch (DateTimeParseException e) {
        throw ApiException.badRequest(
            "INVALID_PARAMETER",
            "Parameter 'since' must be an instant like 2026-12-02T10:00:00Z, got '" + since + "'",
            Map.of("parameter", "since", "value", since));
      }
    }
    Instant after = from;
    Outcomes.answer(ctx, platform.autoscale(a -> a.decisions(after)), CODE, WHAT);
  }
}
