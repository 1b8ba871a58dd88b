package dev.railyard.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * {@code GET /}: the status page, plain HTML, CSS and JavaScript served from the classpath folder
 * {@code webroot/}. Only the listed files are routed, so other paths stay 404 and other methods on
 * them 405. {@code /login} and its script are the only pages served without a token.
 */
final class StatusPage {

  private static final String FILES = "/(|index\\.html|app\\.js|app\\.css)";
  private static final String LOGIN = "/login(\\.js)?";

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
    router
        .routeWithRegex(LOGIN)
        .method(HttpMethod.GET)
        .handler(RequestObserver.route("/login"))
        .handler(StatusPage::secure)
        .handler(
            ctx -> {
              if (ctx.normalizedPath().equals("/login")) {
                ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                    .sendFile("webroot/login.html");
              } else {
                ctx.next();
              }
            })
        .handler(assets);
    // browsers ask for it on every site; without a token that would be a 401 in their console
    router
        .get("/favicon.ico")
        .handler(RequestObserver.route("/favicon.ico"))
        .handler(ctx -> ctx.response().setStatusCode(204).end());
  }

  private static void secure(RoutingContext ctx) {
    ctx.response()
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
    ctx.next();
  }
}
