package dev.railyard.api;

import dev.railyard.api.platform.BusAdmin;
import dev.railyard.api.platform.Outcome;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * {@code /api/v1/buses}: list, get, create and delete event buses, within the caller's buses (a
 * token limited to some buses sees and changes only those).
 */
final class BusRoutes {

  private static final String BASE = "/api/v1/buses";
  private static final String ONE = BASE + "/:name";

  private final PlatformCalls platform;

  BusRoutes(PlatformCalls platform) {
    this.platform = platform;
  }

  void mount(Router router) {
    router
        .get(BASE)
        .handler(RequestObserver.route(BASE))
        .handler(ctx -> answer(ctx, b -> b.list(RuleRoutes.scope(ctx))));
    router
        .get(ONE)
        .handler(RequestObserver.route(ONE))
        .handler(ctx -> answer(ctx, b -> b.get(RuleRoutes.scope(ctx), ctx.pathParam("name"))));
    router
        .put(ONE)
        .handler(RequestObserver.route(ONE))
        .handler(ctx -> answer(ctx, b -> b.create(RuleRoutes.scope(ctx), ctx.pathParam("name"))));
    router
        .delete(ONE)
        .handler(RequestObserver.route(ONE))
        .handler(ctx -> answer(ctx, b -> b.delete(RuleRoutes.scope(ctx), ctx.pathParam("name"))));
  }

  private <T> void answer(
      RoutingContext ctx, Function<BusAdmin, CompletionStage<Outcome<T>>> call) {
    Outcomes.answer(ctx, platform.buses(call), "BUSES_UNAVAILABLE", "Kafka");
  }
}
