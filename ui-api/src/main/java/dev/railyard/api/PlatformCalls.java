package dev.railyard.api;

import dev.railyard.api.platform.AutoscaleAdmin;
import dev.railyard.api.platform.BusAdmin;
import dev.railyard.api.platform.BusScope;
import dev.railyard.api.platform.ConnectorAdmin;
import dev.railyard.api.platform.EventPublisher.EntryResult;
import dev.railyard.api.platform.EventTail;
import dev.railyard.api.platform.HealthProbe.ComponentHealth;
import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.RuleAdmin;
import dev.railyard.api.platform.WorkerControl;
import dev.railyard.api.platform.WorkerControl.WorkerInfo;
import dev.railyard.api.platform.answers.BusEvents;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The one place where the API calls the platform. Every call runs on a worker thread (the
 * implementations may block: Kafka metadata, process control) and every {@link CompletionStage} is
 * adapted to a Vert.x {@link Future} that completes on the caller's context, so handlers never
 * block the event loop. Thread-safe.
 */
final class PlatformCalls {

  private final Vertx vertx;
  private final PlatformServices services;

  PlatformCalls(Vertx vertx, PlatformServices services) {
    this.vertx = vertx;
    this.services = services;
  }

  Future<List<ComponentHealth>> health() {
    return offload(() -> Objects.requireNonNull(services.health().components(), "components"));
  }

  Future<List<WorkerInfo>> workers() {
    return offload(() -> Objects.requireNonNull(services.workers().workers(), "workers"));
  }

  Future<Optional<String>> connectRestUrl() {
    return offload(() -> Objects.requireNonNull(services.workers().connectRestUrl(), "url"));
  }

  /** [min, max] worker count; plain getters, cheap enough for the event loop. */
  int minWorkers() {
    return services.workers().minWorkers();
  }

  int maxWorkers() {
    return services.workers().maxWorkers();
  }

  Future<WorkerControl.RolloutInfo> rollingRestart(String reason) {
    return offload(
        () -> Objects.requireNonNull(services.workers().rollingRestart(reason), "rollout"));
  }

  Future<Optional<WorkerControl.RolloutInfo>> rollout() {
    return offload(() -> Objects.requireNonNull(services.workers().rollout(), "rollout"));
  }

  /** Whether the autoscaler owns the worker count (then a count set by hand is refused). */
  boolean autoscalerScalesWorkers() {
    return services.autoscale().scalesWorkers();
  }

  Future<List<WorkerInfo>> scaleTo(int count) {
    return adapt(() -> services.workers().scaleTo(count));
  }

  Future<List<EntryResult>> putEvents(List<Map<String, Object>> entries) {
    return adapt(() -> services.events().putEvents(entries));
  }

  Future<Outcome<BusEvents>> tail(BusScope scope, EventTail.Request request) {
    return adapt(() -> services.tail().tail(scope, request));
  }

  /** A call on the connector admin; its stage is adapted like every other platform call. */
  <T> Future<T> connectors(Function<ConnectorAdmin, CompletionStage<T>> call) {
    return adapt(() -> call.apply(services.connectors()));
  }

  /** A call on the rule admin; its stage is adapted like every other platform call. */
  <T> Future<T> rules(Function<RuleAdmin, CompletionStage<T>> call) {
    return adapt(() -> call.apply(services.rules()));
  }

  /** A call on the buses; its stage is adapted like every other platform call. */
  <T> Future<T> buses(Function<BusAdmin, CompletionStage<T>> call) {
    return adapt(() -> call.apply(services.buses()));
  }

  /** A call on the autoscaler; its stage is adapted like every other platform call. */
  <T> Future<T> autoscale(Function<AutoscaleAdmin, CompletionStage<T>> call) {
    return adapt(() -> call.apply(services.autoscale()));
  }

  private <T> Future<T> offload(Callable<T> call) {
    // unordered: concurrent requests must not queue behind one slow platform call
    return vertx.executeBlocking(call, false);
  }

  /**
   * Calls a method that answers with a stage. Its own failures come as a failed stage; a
   * synchronous throw (other than the documented {@link IllegalArgumentException}) or a null stage
   * breaks the contract and becomes a {@link ContractViolation}, answered as an internal error.
   */
  private <T> Future<T> adapt(Callable<CompletionStage<T>> call) {
    var context = vertx.getOrCreateContext();
    return offload(
            () -> {
              CompletionStage<T> stage;
              try {
                stage = call.call();
              } catch (IllegalArgumentException e) {
                throw e;
              } catch (Exception e) {
                throw new ContractViolation("the platform threw instead of failing its stage", e);
              }
              if (stage == null) {
                throw new ContractViolation("the platform returned no stage", null);
              }
              return stage;
            })
        .compose(stage -> Future.fromCompletionStage(stage, context));
  }

  /** A platform implementation broke its interface's contract: a bug, not an outage. */
  static final class ContractViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ContractViolation(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
