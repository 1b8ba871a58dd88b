package dev.railyard.api;

import dev.railyard.api.eventbridge.EventBridgeRoutes;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/** Wires the route classes into one {@link Router}, in the order the routing depends on. */
final class ApiRouter {

  private ApiRouter() {}

  static Router create(
      Vertx vertx,
      ApiOptions options,
      ApiSecurity security,
      PlatformServices services,
      PrometheusMeterRegistry registry,
      HttpClient connectClient) {
    PlatformCalls platform = new PlatformCalls(vertx, services);
    // bodies are read only by the routes that need them; the Connect proxy streams its own
    BodyHandler bodies =
        BodyHandler.create(false).setBodyLimit(options.maxBodyBytes()).setHandleFileUploads(false);
    ErrorRoutes errors = new ErrorRoutes(options.maxBodyBytes());

    Router router = Router.router(vertx);
    router.route().handler(new RequestObserver(registry));
    router.route().handler(new AccessGate(security, OpenApiRoutes.policy()));
    new EventBridgeRoutes(vertx, services, security, options.bounds(), bodies)
        .mount(router, RequestObserver.route("/"));
    new SessionRoutes(security.sessions()).mount(router);
    new TokenRoutes(security, bodies).mount(router);
    new AuditRoutes(security.audit()).mount(router);
    new HealthRoutes(platform).mount(router);
    new EventRoutes(platform, bodies, options.bounds()).mount(router);
    new TailRoutes(platform).mount(router);
    new BusRoutes(platform).mount(router);
    new WorkerRoutes(platform, bodies).mount(router);
    new ConnectorRoutes(platform, bodies).mount(router);
    new RuleRoutes(platform, bodies).mount(router);
    new AutoscaleRoutes(platform, bodies).mount(router);
    new OpenApiRoutes().mount(router);
    new PluginRoutes(
            vertx,
            services.plugins(),
            PluginRoutes.DEFAULT_MAX_UPLOAD_BYTES,
            options.bounds().concurrentUploads())
        .mount(router);
    new ConnectProxy(
            platform,
            connectClient,
            options.maxBodyBytes(),
            new ConnectSecrets(services.connectors()::maskSecrets))
        .mount(router);
    new MetricsRoutes(vertx, registry, services.rules()).mount(router);
    new DashboardAssets().mount(router);
    router.route().failureHandler(errors::onFailure);
    router.errorHandler(404, errors::notFound);
    router.errorHandler(405, errors::methodNotAllowed);
    router.errorHandler(413, errors::tooLarge);
    router.errorHandler(500, ctx -> errors.internalError(ctx, ctx.failure()));
    return router;
  }
}
