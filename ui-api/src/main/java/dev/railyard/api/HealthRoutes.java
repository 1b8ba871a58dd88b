package dev.railyard.api;

import dev.railyard.api.platform.HealthProbe.ComponentHealth;
import io.vertx.core.AsyncResult;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health}: 200 with status UP when every component is up, else 503 with status DOWN;
 * the body lists every component, the API itself included, to callers with a token; without one it
 * says only UP or DOWN (the route is public, for probes). A component's warning (figures not read,
 * say) is shown next to its detail and changes neither its status nor the answer's. The probe runs
 * off the event loop; a probe that throws counts as a component that is down.
 */
final class HealthRoutes {

  /** The probe bounds its own waits; this only keeps a broken probe from hanging the answer. */
  static final long PROBE_TIMEOUT_SECONDS = 30;

  private static final Logger LOG = LoggerFactory.getLogger(HealthRoutes.class);

  private final PlatformCalls platform;

  HealthRoutes(PlatformCalls platform) {
    this.platform = platform;
  }

  void mount(Router router) {
    router.get("/health").handler(RequestObserver.route("/health")).handler(this::health);
  }

  private void health(RoutingContext ctx) {
    platform
        .health()
        .timeout(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .onComplete(result -> answer(ctx, componentsOf(result)));
  }

  private static List<ComponentHealth> componentsOf(AsyncResult<List<ComponentHealth>> result) {
    if (result.succeeded()) {
      return result.result();
    }
    LOG.warn("Health probe failed", result.cause());
    return List.of(
        new ComponentHealth(
            "platform", false, "health probe failed: " + Responses.reason(result.cause())));
  }

  private static void answer(RoutingContext ctx, List<ComponentHealth> components) {
    JsonObject byName = new JsonObject();
    boolean up = true;
    for (ComponentHealth component : components) {
      JsonObject entry = component(component.up(), component.detail());
      if (component.warning() != null) {
        entry.put("warning", component.warning());
      }
      byName.put(component.name(), entry);
      up &= component.up();
    }
    byName.put("api", component(true, "serving HTTP requests"));
    JsonObject body = new JsonObject().put("status", status(up));
    if (AccessGate.caller(ctx).isPresent()) {
      body.put("components", byName);
    }
    Responses.json(ctx, up ? 200 : 503, body);
  }

  private static JsonObject component(boolean up, String detail) {
    return new JsonObject().put("status", status(up)).put("detail", detail);
  }

  private static String status(boolean up) {
    return up ? "UP" : "DOWN";
  }
}
