package dev.railyard.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /metrics}: the registry in the Prometheus text exposition format 0.0.4. */
final class MetricsRoutes {

  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final Vertx vertx;
  private final PrometheusMeterRegistry registry;

  MetricsRoutes(Vertx vertx, PrometheusMeterRegistry registry) {
    this.vertx = vertx;
    this.registry = registry;
  }

  void mount(Router router) {
    router.get("/metrics").handler(RequestObserver.route("/metrics")).handler(this::scrape);
  }

  private void scrape(RoutingContext ctx) {
    // a scrape walks every meter: a large registry would hold the event loop for too long
    vertx
        .executeBlocking(registry::scrape, false)
        .onSuccess(
            text ->
                ctx.response()
                    .setStatusCode(200)
                    .putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
                    .end(text))
        .onFailure(ctx::fail);
  }
}
