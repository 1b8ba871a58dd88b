package dev.railyard.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.api.platform.ConnectorRequest;
import dev.railyard.api.platform.OffsetChange;
import dev.railyard.api.platform.Outcome;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/v1/connectors}: connector configs validated before they are applied, their state,
 * lifecycle actions, offsets, and YAML import and export. A config body is read and refused here
 * ({@link ConnectorRequest#parse}); everything else the platform decides, and this class maps HTTP
 * to {@link PlatformCalls} and renders the {@link Outcome}.
 */
final class ConnectorRoutes {

  private static final String BASE = "/api/v1/connectors";
  private static final String ONE = BASE + "/:name";

  private final PlatformCalls platform;
  private final BodyHandler bodies;

  ConnectorRoutes(PlatformCalls platform, BodyHandler bodies) {
    this.platform = platform;
    this.bodies = bodies;
  }

  void mount(Router router) {
    router
        .get(BASE)
        .handler(RequestObserver.route(BASE))
        .handler(
            ctx -> {
              var query = ListParams.connectors(ctx);
              answer(ctx, platform.connectors(c -> c.list(query)));
            });
    router
        .routeWithRegex(HttpMethod.GET, "/api/v1/connectors:export")
        .handler(RequestObserver.route(BASE + ":export"))
        .handler(this::export);
    router
        .routeWithRegex(HttpMethod.POST, "/api/v1/connectors:import")
        .handler(RequestObserver.route(BASE + ":import"))
        .handler(bodies)
        .handler(
            ctx -> {
              BodyTypes.requireYaml(ctx);
              answer(ctx, platform.connectors(c -> c.importYaml(ctx.body().asString())));
            });
    router
        .routeWithRegex(HttpMethod.POST, "/api/v1/connectors:validate")
        .handler(RequestObserver.route(BASE + ":validate"))
        .handler(bodies)
        .handler(this::validate);
    router
        .get(ONE)
        .handler(RequestObserver.route(ONE))
        .handler(ctx -> answer(ctx, platform.connectors(c -> c.get(name(ctx)))));
    router.put(ONE).handler(RequestObserver.route(ONE)).handler(bodies).handler(this::put);
    router
        .delete(ONE)
        .handler(RequestObserver.route(ONE))
        .handler(ctx -> answer(ctx, platform.connectors(c -> c.delete(name(ctx)))));
    String action = ONE + "/:action";
    router.post(action).handler(RequestObserver.route(action)).handler(this::act);
    String offsets = ONE + "/offsets";
    router
        .get(offsets)
        .handler(RequestObserver.route(offsets))
        .handler(ctx -> answer(ctx, platform.connectors(c -> c.offsets(name(ctx)))));
    router
        .patch(offsets)
        .handler(RequestObserver.route(offsets))
        .handler(bodies)
        .handler(this::changeOffsets);
    router
        .delete(offsets)
        .handler(RequestObserver.route(offsets))
        .handler(ctx -> answer(ctx, platform.connectors(c -> c.changeOffsets(name(ctx), null))));
  }

  private void changeOffsets(RoutingContext ctx) {
    OffsetChange change;
    try {
      change = OffsetChange.parse(JsonBodies.toMap(object(ctx)));
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      throw ApiException.badRequest(
          "INVALID_OFFSETS", message, Map.of("field", message.substring(0, message.indexOf(':'))));
    }
    answer(ctx, platform.connectors(c -> c.changeOffsets(name(ctx), change)));
  }

  private void put(RoutingContext ctx) {
    ConnectorRequest request;
    try {
      request = ConnectorRequest.parse(name(ctx), JsonBodies.toMap(object(ctx)));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("INVALID_CONFIG", e.getMessage(), null);
    }
    answer(ctx, platform.connectors(c -> c.put(name(ctx), request)));
  }

  private void validate(RoutingContext ctx) {
    ConnectorRequest request;
    try {
      request = ConnectorRequest.parseDraft(JsonBodies.toMap(object(ctx)));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("INVALID_CONFIG", e.getMessage(), null);
    }
    String name = ctx.queryParams().get("name");
    answer(ctx, platform.connectors(c -> c.validateForm(name, request)));
  }

  private void act(RoutingContext ctx) {
    String action = ctx.pathParam("action");
    Map<String, String> options = new LinkedHashMap<>();
    ctx.queryParams().forEach(e -> options.put(e.getKey(), e.getValue()));
    answer(ctx, platform.connectors(c -> c.act(name(ctx), action, options)));
  }

  private void export(RoutingContext ctx) {
    platform
        .connectors(c -> c.exportYaml())
        .recover(
            failure ->
                PlatformFailures.classify(
                    failure, "CONNECT_UNAVAILABLE", "Kafka Connect could not be reached"))
        .onSuccess(
            yaml ->
                ctx.response()
                    .setStatusCode(200)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml; charset=utf-8")
                    .end(yaml))
        .onFailure(ctx::fail);
  }

  private static JsonNode object(RoutingContext ctx) {
    JsonNode body = JsonBodies.read(ctx);
    if (!body.isObject()) {
      throw ApiException.badRequest(
          "INVALID_BODY", "The body must be a JSON object, got " + JsonBodies.kind(body), null);
    }
    return body;
  }

  private static String name(RoutingContext ctx) {
    return ctx.pathParam("name");
  }

  private static <T> void answer(RoutingContext ctx, Future<Outcome<T>> outcome) {
    Outcomes.answer(ctx, outcome, "CONNECT_UNAVAILABLE", "Kafka Connect");
  }
}
