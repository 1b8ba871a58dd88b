package dev.railyard.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The dashboard: {@code GET /} is its one HTML page, {@code /ui/**} its ES modules and style sheet
 * (classpath folder {@code webroot/ui}), and {@code /ui/vendor/**} the two libraries it uses,
 * served from their Maven Central webjars, so a browser never reaches a CDN and nothing needs
 * Node.js. Only the listed vendor files are served; other paths stay 404. {@code /login} and its
 * script are the only pages served without a token.
 */
final class DashboardAssets {

  private static final String PAGE = "/(|index\\.html)";
  private static final String LOGIN = "/login(\\.js)?";
  private static final String VENDOR = "/ui/vendor/";
  private static final java.util.regex.Pattern OWN =
      java.util.regex.Pattern.compile("/ui/[a-z0-9/-]+\\.(js|css)");

  /** Vendor path under {@value #VENDOR} → the webjar and the file inside it. */
  private static final Map<String, String[]> VENDOR_FILES =
      Map.of(
          "uplot.js", new String[] {"org.webjars.npm", "uplot", "dist/uPlot.iife.min.js"},
          "uplot.css", new String[] {"org.webjars.npm", "uplot", "dist/uPlot.min.css"},
          "codemirror.js", new String[] {"org.webjars.npm", "codemirror", "lib/codemirror.js"},
          "codemirror.css", new String[] {"org.webjars.npm", "codemirror", "lib/codemirror.css"},
          "codemirror-yaml.js", new String[] {"org.webjars.npm", "codemirror", "mode/yaml/yaml.js"},
          "codemirror-lint.js",
              new String[] {"org.webjars.npm", "codemirror", "addon/lint/lint.js"},
          "codemirror-lint.css",
              new String[] {"org.webjars.npm", "codemirror", "addon/lint/lint.css"});

  private final Map<String, String> vendorResources = new java.util.HashMap<>();

  DashboardAssets() {
    VENDOR_FILES.forEach(
        (name, file) ->
            vendorResources.put(
                name,
                "META-INF/resources/webjars/"
                    + file[1]
                    + "/"
                    + version(file[0], file[1])
                    + "/"
                    + file[2]));
  }

  void mount(Router router) {
    StaticHandler own =
        StaticHandler.create("webroot").setCachingEnabled(false).setDefaultContentEncoding("UTF-8");
    router
        .routeWithRegex(PAGE)
        .method(HttpMethod.GET)
        .method(HttpMethod.HEAD)
        .handler(RequestObserver.route("/"))
        .handler(DashboardAssets::secure)
        .handler(own);
    // a route ending in /* hands its static handler the path below it
    StaticHandler modules =
        StaticHandler.create("webroot/ui")
            .setCachingEnabled(false)
            .setDefaultContentEncoding("UTF-8");
    router
        .route("/ui/*")
        .method(HttpMethod.GET)
        .method(HttpMethod.HEAD)
        .handler(RequestObserver.route("/ui/{path}"))
        .handler(DashboardAssets::secure)
        .handler(
            ctx -> {
              String path = ctx.normalizedPath();
              if (path.startsWith(VENDOR)) {
                vendor(ctx);
              } else if (OWN.matcher(path).matches()) {
                modules.handle(ctx);
              } else {
                ctx.next();
              }
            });
    router
        .routeWithRegex(LOGIN)
        .method(HttpMethod.GET)
        .handler(RequestObserver.route("/login"))
        .handler(DashboardAssets::secure)
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
        .handler(own);
    // browsers ask for it on every site; without a token that would be a 401 in their console
    router
        .get("/favicon.ico")
        .handler(RequestObserver.route("/favicon.ico"))
        .handler(ctx -> ctx.response().setStatusCode(204).end());
  }

  private void vendor(RoutingContext ctx) {
    String resource = vendorResources.get(ctx.normalizedPath().substring(VENDOR.length()));
    if (resource == null) {
      ctx.next();
      return;
    }
    ctx.response()
        .putHeader(
            HttpHeaders.CONTENT_TYPE,
            resource.endsWith(".css")
                ? "text/css; charset=utf-8"
                : "text/javascript; charset=utf-8")
        // the file changes only with Railyard's own version
        .putHeader(HttpHeaders.CACHE_CONTROL, "private, max-age=3600")
        .sendFile(resource);
  }

  private static String version(String group, String artifact) {
    String properties = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
    try (InputStream in = DashboardAssets.class.getClassLoader().getResourceAsStream(properties)) {
      if (in == null) {
        throw new IllegalStateException(
            properties + " is missing: the webjar is not on the class path");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void secure(RoutingContext ctx) {
    ctx.response()
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
    ctx.next();
  }
}
