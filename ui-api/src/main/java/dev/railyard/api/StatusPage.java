package dev.railyard.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * {@code GET /}: the status page, plain HTML, CSS and JavaScript served from the classpath folder
 * {@code webroot/}. Only the listed files are routed, so other paths stay 404 and other methods on
 * them 405.
 */
final class StatusPage {

  private static final String FILES = "/(|index\\.html|app\\.js|app\\.css)";

  void mount(Router router) {
    StaticHandler assets =
        StaticHandler.create("webroot").setCachingEnabled(false).setDefaultContentEncoding("UTF-8");
    router
        .routeWithRegex(FILES)
        .method(HttpMethod.GET)
        .method(HttpMethod.HEAD)
        .handler(RequestObserver.route("/"))
        .handler(StatusPage::secure)
        .handler(assets);
  }

  private static void secure(RoutingContext ctx) {
    ctx.response()
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
    ctx.next();
  }
}
