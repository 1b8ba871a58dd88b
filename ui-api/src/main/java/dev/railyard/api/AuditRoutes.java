package dev.railyard.api;

import dev.railyard.api.security.AuditTrail;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** {@code GET /api/v1/audit?limit=N}: the most recent state-changing calls, for admins. */
final class AuditRoutes {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  private static final String PATH = "/api/v1/audit";

  private final AuditTrail audit;

  AuditRoutes(AuditTrail audit) {
    this.audit = audit;
  }

  void mount(Router router) {
    router.get(PATH).handler(RequestObserver.route(PATH)).handler(this::recent);
  }

  private void recent(RoutingContext ctx) {
    int limit = limit(ctx.request().getParam("limit"));
    ctx.vertx()
        .executeBlocking(() -> audit.recent(limit))
        .onSuccess(
            entries -> {
              JsonArray list = new JsonArray();
              entries.forEach(e -> list.add(describe(e)));
              Responses.json(ctx, 200, new JsonObject().put("entries", list));
            })
        .onFailure(ctx::fail);
  }

  static JsonObject describe(AuditTrail.Entry e) {
    return new JsonObject()
        .put("time", e.time().toString())
        .put("tokenId", e.tokenId())
        .put("tokenName", e.tokenName())
        .put("role", e.role())
        .put("method", e.method())
        .put("route", e.route())
        .put("target", e.target())
        .put("status", e.status())
        .put("remote", e.remote());
  }

  private static int limit(String value) {
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest(
        "INVALID_LIMIT",
        "limit must be a whole number from 1 to " + MAX_LIMIT + ", got '" + value + "'",
        Map.of("parameter", "limit"));
  }
}
