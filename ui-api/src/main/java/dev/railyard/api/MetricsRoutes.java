package dev.railyard.api;

import dev.railyard.api.platform.BusScope;
import dev.railyard.api.platform.RuleAdmin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /metrics}: the registry in the Prometheus text exposition format 0.0.4. A token
 * limited to some buses sees only the samples of those buses: a sample labelled with another {@code
 * bus}, a {@code rule} of another bus, or a {@code connector} that works for none of its buses, is
 * left out.
 */
final class MetricsRoutes {

  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private static final Pattern BUS = Pattern.compile("[{,]bus=\"([^\"]*)\"");
  private static final Pattern RULE = Pattern.compile("[{,]rule=\"([^\"]*)\"");
  private static final Pattern CONNECTOR = Pattern.compile("[{,]connector=\"([^\"]*)\"");

  private final Vertx vertx;
  private final PrometheusMeterRegistry registry;
  private final RuleAdmin rules;

  MetricsRoutes(Vertx vertx, PrometheusMeterRegistry registry, RuleAdmin rules) {
    this.vertx = vertx;
    this.registry = registry;
    this.rules = rules;
  }

  void mount(Router router) {
    router.get("/metrics").handler(RequestObserver.route("/metrics")).handler(this::scrape);
  }

  private void scrape(RoutingContext ctx) {
    BusScope scope = RuleRoutes.scope(ctx);
    // a scrape walks every meter: a large registry would hold the event loop for too long
    vertx
        .executeBlocking(
            () -> scope.limited() ? only(registry.scrape(), scope) : registry.scrape(), false)
        .onSuccess(
            text ->
                ctx.response()
                    .setStatusCode(200)
                    .putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
                    .end(text))
        .onFailure(ctx::fail);
  }

  /** The samples of the scope's buses, and every line that names no bus or rule. */
  String only(String scrape, BusScope scope) {
    StringBuilder out = new StringBuilder(scrape.length());
    for (String line : scrape.split("\n")) {
      if (line.startsWith("#") || inScope(line, scope)) {
        out.append(line).append('\n');
      }
    }
    return out.toString();
  }

  private boolean inScope(String line, BusScope scope) {
    Matcher bus = BUS.matcher(line);
    if (bus.find() && !scope.allows(bus.group(1))) {
      return false;
    }
    Matcher rule = RULE.matcher(line);
    if (rule.find() && !rules.busOf(rule.group(1)).map(scope::allows).orElse(false)) {
      return false;
    }
    // a connector that works for no bus (a hosted one) is none of a bus-limited token's business
    Matcher connector = CONNECTOR.matcher(line);
    return !connector.find()
        || rules.busOfConnector(connector.group(1)).map(scope::allows).orElse(false);
  }
}
