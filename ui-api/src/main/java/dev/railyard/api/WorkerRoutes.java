package dev.railyard.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.api.platform.WorkerControl;
import dev.railyard.api.platform.WorkerControl.WorkerInfo;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET /api/v1/workers} lists the Connect workers; {@code PUT /api/v1/workers} with {@code
 * {"count": N}} scales the pool and answers once it is done (which takes seconds: the wait is
 * bounded by {@link #SCALE_TIMEOUT_SECONDS}, well above the 120 s a scale may take).
 */
final class WorkerRoutes {

  static final long SCALE_TIMEOUT_SECONDS = 180;

  private static final String PATH = "/api/v1/workers";

  private final PlatformCalls platform;
  private final BodyHandler bodies;

  WorkerRoutes(PlatformCalls platform, BodyHandler bodies) {
    this.platform = platform;
    this.bodies = bodies;
  }

  void mount(Router router) {
    router.get(PATH).handler(RequestObserver.route(PATH)).handler(this::list);
    router.put(PATH).handler(RequestObserver.route(PATH)).handler(bodies).handler(this::scale);
    router
        .routeWithRegex(HttpMethod.POST, "/api/v1/workers:restart")
        .handler(RequestObserver.route(PATH + ":restart"))
        .handler(this::restart);
  }

  private void restart(RoutingContext ctx) {
    platform
        .rollingRestart("requested through the API")
        .recover(failure -> unavailable("The rolling restart could not be started", failure))
        .onSuccess(
            rollout -> Responses.json(ctx, 202, new JsonObject().put("rollout", json(rollout))))
        .onFailure(ctx::fail);
  }

  static JsonObject json(WorkerControl.RolloutInfo r) {
    return new JsonObject()
        .put("id", r.id())
        .put("state", r.state())
        .put("reason", r.reason())
        .put("replaced", r.replaced())
        .put("total", r.total())
        .put("message", r.message())
        .put("startedAt", r.startedAt() == null ? null : r.startedAt().toString())
        .put("finishedAt", r.finishedAt() == null ? null : r.finishedAt().toString());
  }

  private void list(RoutingContext ctx) {
    platform
        .workers()
        .compose(
            workers ->
                platform
                    .rollout()
                    .map(
                        rollout ->
                            answer(workers)
                                .put("rollout", rollout.map(WorkerRoutes::json).orElse(null))))
        .recover(failure -> unavailable("The workers could not be listed", failure))
        .onSuccess(body -> Responses.json(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  private void scale(RoutingContext ctx) {
    int count = count(JsonBodies.read(ctx));
    if (platform.autoscalerScalesWorkers()) {
      // the autoscaler would undo it at its next step: say so instead of pretending
      throw new ApiException(
          409,
          "AUTOSCALER_OWNS_WORKERS",
          "The autoscaler sets the worker count; pin it with PUT /api/v1/autoscale"
              + " {\"autoscale.workers.min\": "
              + count
              + ", \"autoscale.workers.max\": "
              + count
              + "}, or turn it off with {\"autoscale.enabled\": false}",
          Map.of("count", count));
    }
    platform
        .scaleTo(count)
        .timeout(SCALE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .recover(failure -> scaleFailure(count, failure))
        .map(WorkerRoutes::answer)
        .onSuccess(body -> Responses.json(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  private int count(JsonNode body) {
    int min = platform.minWorkers();
    int max = platform.maxWorkers();
    JsonNode count = body.isObject() ? body.get("count") : null;
    if (count == null
        || !count.isIntegralNumber()
        || !count.canConvertToInt()
        || count.intValue() < min
        || count.intValue() > max) {
      throw ApiException.badRequest(
          "INVALID_FIELD",
          "Field 'count' must be an integer between "
              + min
              + " and "
              + max
              + ", got "
              + (count == null ? "nothing" : count.toString()),
          Map.of("field", "count", "min", min, "max", max));
    }
    return count.intValue();
  }

  private static Future<List<WorkerInfo>> scaleFailure(int count, Throwable failure) {
    Throwable cause = Responses.unwrap(failure);
    if (cause instanceof PlatformCalls.ContractViolation) {
      return Future.failedFuture(cause);
    }
    if (cause instanceof IllegalArgumentException) {
      return Future.failedFuture(
          ApiException.badRequest(
              "INVALID_FIELD", cause.getMessage(), Map.of("field", "count", "value", count)));
    }
    if (cause instanceof TimeoutException) {
      return Future.failedFuture(
          ApiException.unavailable(
              "SCALING_TIMEOUT",
              "Scaling to "
                  + count
                  + " workers did not finish within "
                  + SCALE_TIMEOUT_SECONDS
                  + " s; it may still be under way, see GET "
                  + PATH));
    }
    // a scale that fails is the worker processes failing to start or stop: the data plane, down
    return Future.failedFuture(
        ApiException.unavailable(
            "WORKERS_UNAVAILABLE",
            "Scaling to " + count + " workers failed: " + Responses.reason(failure)));
  }

  private static <T> Future<T> unavailable(String what, Throwable failure) {
    return PlatformFailures.classify(failure, "WORKERS_UNAVAILABLE", what);
  }

  private static JsonObject answer(List<WorkerInfo> workers) {
    JsonArray list = new JsonArray();
    for (WorkerInfo worker : workers) {
      JsonObject json =
          new JsonObject()
              .put("name", worker.name())
              .put("connectWorkerId", worker.connectWorkerId())
              .put("restUrl", worker.restUrl())
              .put("state", worker.state())
              .put("pid", worker.pid())
              .put("startedAt", worker.startedAt() == null ? null : worker.startedAt().toString())
              .put("restarts", worker.restarts());
      if (worker.lastError() != null) {
        json.put("lastError", worker.lastError());
      }
      list.add(json);
    }
    return new JsonObject().put("workers", list).put("count", workers.size());
  }
}
