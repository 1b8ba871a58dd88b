package dev.railyard.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.api.platform.BusScope;
import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.RuleAdmin;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * {@code /api/v1/rules}: apply, validate and test rule files, list, get and delete rules, replay,
 * dead letters, the records a target is retrying, and the rule document's JSON Schema for editors.
 * Bodies of apply and validate are YAML text.
 */
final class RuleRoutes {

  private static final String BASE = "/api/v1/rules";
  private static final String ONE = BASE + "/:name";

  private final PlatformCalls platform;
  private final BodyHandler bodies;

  RuleRoutes(PlatformCalls platform, BodyHandler bodies) {
    this.platform = platform;
    this.bodies = bodies;
  }

  void mount(Router router) {
    router
        .routeWithRegex(HttpMethod.POST, "/api/v1/rules:apply")
        .handler(RequestObserver.route(BASE + ":apply"))
        .handler(bodies)
        .handler(this::apply);
    router
        .routeWithRegex(HttpMethod.POST, "/api/v1/rules:validate")
        .handler(RequestObserver.route(BASE + ":validate"))
        .handler(bodies)
        .handler(this::validate);
    router
        .routeWithRegex(HttpMethod.POST, "/api/v1/rules:test")
        .handler(RequestObserver.route(BASE + ":test"))
        .handler(bodies)
        .handler(this::test);
    router
        .get(BASE)
        .handler(RequestObserver.route(BASE))
        .handler(
            ctx -> {
              var query = ListParams.rules(ctx);
              answer(ctx, c -> c.list(scope(ctx), query));
            });
    router
        .get(ONE)
        .handler(RequestObserver.route(ONE))
        .handler(ctx -> answer(ctx, c -> c.get(ctx.pathParam("name"))));
    router
        .delete(ONE)
        .handler(RequestObserver.route(ONE))
        .handler(ctx -> answer(ctx, c -> c.delete(ctx.pathParam("name"))));
    router
        .post(ONE + "/replay")
        .handler(RequestObserver.route(ONE + "/replay"))
        .handler(bodies)
        .handler(this::replay);
    String letters = ONE + "/deadletters";
    router
        .get(letters)
        .handler(RequestObserver.route(letters))
        .handler(ctx -> answer(ctx, c -> c.deadLetters(ctx.pathParam("name"))));
    router
        .get(letters + "/:target")
        .handler(RequestObserver.route(letters + "/:target"))
        .handler(this::peek);
    router
        .post(letters + "/:target/redrive")
        .handler(RequestObserver.route(letters + "/:target/redrive"))
        .handler(
            ctx -> answer(ctx, c -> c.redrive(ctx.pathParam("name"), ctx.pathParam("target"))));
    String retrying = ONE + "/retrying/:target";
    router.get(retrying).handler(RequestObserver.route(retrying)).handler(this::peekRetrying);
    router
        .get("/api/v1/replays/:id")
        .handler(RequestObserver.route("/api/v1/replays/:id"))
        .handler(ctx -> answer(ctx, c -> c.replayStatus(ctx.pathParam("id"))));
    router
        .get("/api/v1/schemas/rule.json")
        .handler(RequestObserver.route("/api/v1/schemas/rule.json"))
        .handler(this::schema);
  }

  // arguments are read before the platform is called: a bad request must not reach it
  private void apply(RoutingContext ctx) {
    String file = fileName(ctx);
    String yaml = text(ctx);
    boolean dryRun = flag(ctx, "dryRun");
    boolean prune = flag(ctx, "prune");
    BusScope scope = scope(ctx);
    answer(ctx, c -> c.apply(file, yaml, dryRun, prune, scope));
  }

  private void validate(RoutingContext ctx) {
    String file = fileName(ctx);
    String yaml = text(ctx);
    BusScope scope = scope(ctx);
    answer(ctx, c -> c.validate(file, yaml, scope));
  }

  private void test(RoutingContext ctx) {
    var request = RuleRequests.test(object(ctx));
    answerFor(ctx, request.rule(), c -> c.test(request));
  }

  private void replay(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    var request = RuleRequests.replay(object(ctx));
    answer(ctx, c -> c.replay(name, request));
  }

  private void peek(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    String target = ctx.pathParam("target");
    int limit = limit(ctx.request().getParam("limit"));
    answer(ctx, c -> c.peekDeadLetters(name, target, limit));
  }

  private void peekRetrying(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    String target = ctx.pathParam("target");
    int limit = limit(ctx.request().getParam("limit"));
    answer(ctx, c -> c.peekRetrying(name, target, limit));
  }

  private static int limit(String value) {
    if (value == null) {
      return 20;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= 1 && n <= 1000) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest(
        "INVALID_PARAMETER",
        "Parameter 'limit' must be an integer between 1 and 1000, got '" + value + "'",
        Map.of("parameter", "limit"));
  }

  private void schema(RoutingContext ctx) {
    platform
        .rules(c -> CompletableFuture.completedFuture(c.ruleSchema()))
        .onSuccess(
            schema ->
                ctx.response()
                    .setStatusCode(200)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/schema+json")
                    .end(schema))
        .onFailure(ctx::fail);
  }

  private <T> void answer(
      RoutingContext ctx, Function<RuleAdmin, CompletionStage<Outcome<T>>> call) {
    answerFor(ctx, ctx.pathParam("name"), call);
  }

  /** Answers {@code call}, unless {@code rule} (or null) is on a bus outside the caller's scope. */
  private <T> void answerFor(
      RoutingContext ctx, String rule, Function<RuleAdmin, CompletionStage<Outcome<T>>> call) {
    BusScope scope = scope(ctx);
    if (rule != null && scope.limited()) {
      // a rule on a bus outside the token's scope is answered as if it did not exist
      Function<RuleAdmin, CompletionStage<Outcome<T>>> scoped =
          c ->
              c.busOf(rule).map(scope::allows).orElse(true)
                  ? call.apply(c)
                  : CompletableFuture.completedFuture(outOfScope(rule));
      Outcomes.answer(ctx, platform.rules(scoped), "RULES_UNAVAILABLE", "The rules");
      return;
    }
    Outcomes.answer(ctx, platform.rules(call), "RULES_UNAVAILABLE", "The rules");
  }

  /** The buses the caller's token may act on. */
  static BusScope scope(RoutingContext ctx) {
    return AccessGate.caller(ctx)
        .map(caller -> new BusScope(caller.token().buses()))
        .orElse(BusScope.ALL);
  }

  private static <T> Outcome<T> outOfScope(String rule) {
    return Outcome.refused(
        Outcome.Kind.NOT_FOUND,
        "RULE_NOT_FOUND",
        "No rule named '" + rule + "' on the buses this token may use",
        Map.of("rule", rule));
  }

  private static String text(RoutingContext ctx) {
    BodyTypes.requireYaml(ctx);
    String body = ctx.body().asString();
    if (body == null || body.isBlank()) {
      throw ApiException.badRequest(
          "EMPTY_BODY",
          "The body must be a rule file in YAML (apiVersion: railyard/v1, kind: Rule, ...)",
          null);
    }
    return body;
  }

  private static String fileName(RoutingContext ctx) {
    String name = ctx.request().getParam("file");
    return name == null || name.isBlank() ? "request" : name;
  }

  private static boolean flag(RoutingContext ctx, String name) {
    String value = ctx.request().getParam(name);
    if (value == null || value.equals("false")) {
      return false;
    }
    if (value.isEmpty() || value.equals("true")) {
      return true;
    }
    throw ApiException.badRequest(
        "INVALID_PARAMETER",
        "Parameter '" + name + "' must be true or false, got '" + value + "'",
        Map.of("parameter", name));
  }

  private static JsonNode object(RoutingContext ctx) {
    JsonNode body = JsonBodies.read(ctx);
    if (!body.isObject()) {
      throw ApiException.badRequest(
          "INVALID_BODY", "The body must be a JSON object, got " + JsonBodies.kind(body), null);
    }
    return body;
  }
}
