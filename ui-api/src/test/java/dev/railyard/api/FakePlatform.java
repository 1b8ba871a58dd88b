package dev.railyard.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.api.platform.BusScope;
import dev.railyard.api.platform.ConnectorAdmin;
import dev.railyard.api.platform.ConnectorRequest;
import dev.railyard.api.platform.EventPublisher;
import dev.railyard.api.platform.EventTail;
import dev.railyard.api.platform.HealthProbe;
import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.WorkerControl;
import dev.railyard.api.platform.answers.AutoscaleDecisions;
import dev.railyard.api.platform.answers.AutoscaleStatus;
import dev.railyard.api.platform.answers.BusEvents;
import dev.railyard.api.platform.answers.ConnectorAction;
import dev.railyard.api.platform.answers.ConnectorApplied;
import dev.railyard.api.platform.answers.ConnectorForm;
import dev.railyard.api.platform.answers.ConnectorView;
import dev.railyard.api.platform.answers.Deleted;
import dev.railyard.api.platform.answers.ImportedConnectors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** In-memory stand-ins for the platform interfaces; tests set their behaviour per case. */
final class FakePlatform {

  final Health health = new Health();
  final Events events = new Events();
  final Workers workers = new Workers();
  final Connectors connectors = new Connectors();
  final FakeCatalog plugins = new FakeCatalog();
  final FakeRules rules = new FakeRules();
  final Autoscale autoscale = new Autoscale();
  final Tail tail = new Tail();
  final FakeBuses buses = new FakeBuses();

  PlatformServices services() {
    return new PlatformServices(
        health, events, workers, connectors, plugins, rules, autoscale, tail, buses);
  }

  /** Answers what a test set, and remembers what it was asked. */
  static final class Tail implements EventTail {
    volatile Outcome<BusEvents> answer =
        Outcome.ok(new BusEvents("default", "railyard.bus.default", List.of(), 0, ""));
    final List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<Outcome<BusEvents>> tail(BusScope scope, Request request) {
      asked.add(scope.buses() + " " + request);
      return CompletableFuture.completedFuture(answer);
    }
  }

  void reset() {
    health.components = List.of(up("broker"), up("workers"));
    health.failure = null;
    events.received.clear();
    events.stageFailure = null;
    events.thrown = null;
    workers.pool = List.of(worker(1));
    workers.scaleFailure = null;
    workers.requestedCounts.clear();
    workers.connectRestUrl = Optional.empty();
    workers.rollout = null;
    plugins.reset();
    rules.calls.clear();
    rules.buses.clear();
    autoscale.calls.clear();
    buses.reset();
    autoscale.scalesWorkers = false;
    autoscale.reply = Outcome.ok(java.util.Map.of());
    rules.reply = Outcome.ok(Map.of("ok", true));
    rules.failure = null;
    connectors.calls.clear();
    connectors.reply = Outcome.ok(Map.of("ok", true));
    connectors.failure = null;
  }

  static HealthProbe.ComponentHealth up(String name) {
    return new HealthProbe.ComponentHealth(name, true, name + " is fine");
  }

  static WorkerControl.WorkerInfo worker(int n) {
    return new WorkerControl.WorkerInfo(
        "worker-" + n,
        "127.0.0.1:" + (8082 + n),
        "http://127.0.0.1:" + (8082 + n),
        "RUNNING",
        1000L + n,
        Instant.parse("2026-01-02T03:04:05Z"),
        0,
        null);
  }

  static final class Health implements HealthProbe {
    volatile List<ComponentHealth> components;
    volatile RuntimeException failure;
    volatile String calledOn;

    @Override
    public List<ComponentHealth> components() {
      calledOn = Thread.currentThread().getName();
      if (failure != null) {
        throw failure;
      }
      return components;
    }
  }

  /** Writes every entry to the bus it names, and fails entries without a bus. */
  static final class Events implements EventPublisher {
    final List<List<Map<String, Object>>> received = new CopyOnWriteArrayList<>();
    volatile RuntimeException stageFailure;
    volatile RuntimeException thrown;
    volatile String calledOn;

    @Override
    public CompletionStage<List<EntryResult>> putEvents(List<Map<String, Object>> entries) {
      calledOn = Thread.currentThread().getName();
      if (thrown != null) {
        throw thrown;
      }
      received.add(entries);
      if (stageFailure != null) {
        return CompletableFuture.failedFuture(stageFailure);
      }
      List<EntryResult> results = new ArrayList<>();
      for (int i = 0; i < entries.size(); i++) {
        Object bus = entries.get(i).get("bus");
        results.add(
            bus == null
                ? EntryResult.failed("MissingBus", "entry " + i + " names no bus")
                : EntryResult.written("event-" + i, bus.toString()));
      }
      return CompletableFuture.completedFuture(results);
    }
  }

  static final class Workers implements WorkerControl {
    volatile List<WorkerInfo> pool;
    volatile RuntimeException scaleFailure;
    volatile Optional<String> connectRestUrl;
    final List<Integer> requestedCounts = new CopyOnWriteArrayList<>();

    @Override
    public List<WorkerInfo> workers() {
      return pool;
    }

    @Override
    public CompletionStage<List<WorkerInfo>> scaleTo(int count) {
      requestedCounts.add(count);
      if (scaleFailure != null) {
        return CompletableFuture.failedFuture(scaleFailure);
      }
      List<WorkerInfo> scaled = new ArrayList<>();
      for (int n = 1; n <= count; n++) {
        scaled.add(worker(n));
      }
      pool = List.copyOf(scaled);
      // completes later on another thread, as a real pool does
      return CompletableFuture.supplyAsync(() -> pool);
    }

    @Override
    public int minWorkers() {
      return 1;
    }

    @Override
    public int maxWorkers() {
      return 4;
    }

    @Override
    public Optional<String> connectRestUrl() {
      return connectRestUrl;
    }

    volatile RolloutInfo rollout;

    @Override
    public RolloutInfo rollingRestart(String reason) {
      rollout =
          new RolloutInfo(
              "r1",
              "PENDING",
              reason,
              0,
              pool.size(),
              "waiting",
              Instant.parse("2026-01-02T03:04:05Z"),
              null);
      return rollout;
    }

    @Override
    public Optional<RolloutInfo> rollout() {
      return Optional.ofNullable(rollout);
    }
  }

  /** Records each call as "method name arg..." and answers with {@link #reply}. */
  static final class Connectors implements ConnectorAdmin {
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile Outcome<?> reply;
    volatile RuntimeException failure;

    /** The bus of each rule the fake knows, for scope checks. */
    final Map<String, String> buses = new java.util.concurrent.ConcurrentHashMap<>();

    // the reply a test set stands for the answer of whichever call it makes
    @SuppressWarnings("unchecked")
    private <T> CompletionStage<Outcome<T>> answer(String call) {
      calls.add(call);
      return failure != null
          ? CompletableFuture.failedFuture(failure)
          : CompletableFuture.completedFuture((Outcome<T>) reply);
    }

    @Override
    public Map<String, String> maskSecrets(Map<String, String> config) {
      Map<String, String> masked = new java.util.LinkedHashMap<>(config);
      masked.replaceAll((k, v) -> k.contains("password") ? "********" : v);
      return masked;
    }

    @Override
    public CompletionStage<Outcome<dev.railyard.api.platform.Page<ConnectorView>>> list(
        dev.railyard.api.platform.ConnectorQuery query) {
      return answer(
          query.equals(dev.railyard.api.platform.ConnectorQuery.ALL) ? "list" : "list " + query);
    }

    @Override
    public CompletionStage<Outcome<ConnectorView>> get(String name) {
      return answer("get " + name);
    }

    /** What {@link #checkConfig} answers: a refusal, or null to let the config through. */
    volatile Outcome.Refused<?> configRefusal;

    @Override
    public CompletionStage<Outcome<ConnectorApplied>> put(String name, ConnectorRequest request) {
      return answer("put " + name + " " + request.config() + " " + request.initialState());
    }

    @Override
    public CompletionStage<java.util.Optional<Outcome.Refused<?>>> checkConfig(
        String name, Map<String, String> config) {
      calls.add("checkConfig " + name + " " + config);
      return CompletableFuture.completedFuture(java.util.Optional.ofNullable(configRefusal));
    }

    @Override
    public CompletionStage<Outcome<ConnectorForm>> validateForm(
        String name, ConnectorRequest request) {
      return answer("validate " + name + " " + request.config());
    }

    @Override
    public CompletionStage<Outcome<Deleted>> delete(String name) {
      return answer("delete " + name);
    }

    @Override
    public CompletionStage<Outcome<ConnectorAction>> act(
        String name, String action, Map<String, String> options) {
      return answer(action + " " + name + " " + options);
    }

    @Override
    public CompletionStage<Outcome<JsonNode>> offsets(String name) {
      return answer("offsets " + name);
    }

    @Override
    public CompletionStage<Outcome<JsonNode>> changeOffsets(
        String name, dev.railyard.api.platform.OffsetChange change) {
      return answer("changeOffsets " + name + " " + (change == null ? null : change.toConnect()));
    }

    @Override
    public CompletionStage<String> exportYaml() {
      calls.add("export");
      return CompletableFuture.completedFuture("name: a\n");
    }

    @Override
    public CompletionStage<Outcome<ImportedConnectors>> importYaml(String yaml) {
      return answer("import " + yaml);
    }
  }

  /** Records each call as "method args..." and answers with {@link #reply}. */
  static final class Autoscale implements dev.railyard.api.platform.AutoscaleAdmin {
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile Outcome<?> reply = Outcome.ok(java.util.Map.of());
    volatile boolean scalesWorkers;

    @Override
    public boolean scalesWorkers() {
      return scalesWorkers;
    }

    // the reply a test set stands for the answer of whichever call it makes
    @SuppressWarnings("unchecked")
    private <T> CompletionStage<Outcome<T>> answer(String call) {
      calls.add(call);
      return CompletableFuture.completedFuture((Outcome<T>) reply);
    }

    @Override
    public CompletionStage<Outcome<AutoscaleStatus>> status() {
      return answer("status");
    }

    @Override
    public CompletionStage<Outcome<AutoscaleStatus>> update(java.util.Map<String, String> changes) {
      return answer("update " + changes);
    }

    @Override
    public CompletionStage<Outcome<AutoscaleDecisions>> decisions(java.time.Instant since) {
      return answer("decisions " + since);
    }
  }
}
