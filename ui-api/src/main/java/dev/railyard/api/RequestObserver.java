package dev.railyard.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times every request into the {@value #TIMER} Micrometer timer, tagged with method, route template
 * (never the raw path: that would explode cardinality) and status, and logs it at DEBUG. Mounted
 * first; routes name their template with {@link #route(String)}. Thread-safe.
 */
final class RequestObserver implements Handler<RoutingContext> {

  static final String TIMER = "railyard.http.server.requests";

  private static final Logger LOG = LoggerFactory.getLogger(RequestObserver.class);
  static final String ROUTE_KEY = "railyard.route";

  private final MeterRegistry registry;

  RequestObserver(MeterRegistry registry) {
    this.registry = registry;
  }

  /** A handler that records which route template matched, then passes the request on. */
  static Handler<RoutingContext> route(String template) {
    return new RouteTemplate(template);
  }

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addEndHandler(ignored -> record(ctx, System.nanoTime() - start));
    ctx.next();
  }

  private void record(RoutingContext ctx, long nanos) {
    int status = ctx.response().getStatusCode();
    String method = ctx.request().method().name();
    String route = ctx.get(ROUTE_KEY, status == 404 ? "NOT_FOUND" : "UNMATCHED");
    Timer.builder(TIMER)
        .description("HTTP requests served by the Railyard API")
        .tag("method", method)
        .tag("route", route)
        .tag("status", Integer.toString(status))
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "{} {} -> {} in {} ms",
          method,
          ctx.request().uri(),
          status,
          TimeUnit.NANOSECONDS.toMillis(nanos));
    }
  }

  /**
   * A platform handler, so that Vert.x Web lets it run before a route's {@code BodyHandler}: the
   * template must be known even when reading the body fails (413).
   */
  private record RouteTemplate(String template) implements PlatformHandler {
    @Override
    public void handle(RoutingContext ctx) {
      ctx.put(ROUTE_KEY, template);
      ctx.next();
    }
  }
}
