package dev.railyard.host.autoscale;

import dev.railyard.api.platform.AutoscaleAdmin;
import dev.railyard.api.platform.Outcome;
import dev.railyard.autoscale.actuate.WorkerActuator;
import dev.railyard.autoscale.control.Autoscaler;
import dev.railyard.autoscale.policy.AutoscaleConfig;
import dev.railyard.autoscale.policy.ClusterSnapshot;
import dev.railyard.autoscale.policy.ConnectorLoad;
import dev.railyard.autoscale.policy.Decision;
import dev.railyard.autoscale.policy.PolicySettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.config.ConfigException;

/**
 * The autoscaler as the API shows and changes it: the policy in force, the latest snapshot and
 * decision, the timeline; a policy change validated like {@code railyard.properties}, all or
 * nothing. Thread-safe.
 */
public final class AutoscaleService implements AutoscaleAdmin {

  static final int RECENT = 20;

  private final Autoscaler autoscaler;
  private final WorkerActuator workers;
  private final int defaultMin;
  private final int defaultMax;

  /**
   * @param defaultMin the reserved count when the policy does not set one (the host's {@code
   *     workers})
   * @param defaultMax the ceiling when the policy does not set one (the host's {@code workers.max})
   */
  AutoscaleService(Autoscaler autoscaler, WorkerActuator workers, int defaultMin, int defaultMax) {
    this.autoscaler = autoscaler;
    this.workers = workers;
    this.defaultMin = defaultMin;
    this.defaultMax = defaultMax;
  }

  /**
   * Validates settings against what the workers can reach.
   *
   * @throws ConfigException naming the key when the ceiling is above the worker pool's
   */
  static PolicySettings validated(
      Map<String, String> props, int defaultMin, int defaultMax, WorkerActuator workers) {
    PolicySettings s = new AutoscaleConfig(props, defaultMin, defaultMax).settings();
    if (s.workersMax() > workers.maxWorkers()) {
      throw new ConfigException(
          AutoscaleConfig.WORKERS_MAX_CONFIG,
          s.workersMax(),
          "cannot exceed the most workers the platform can run (" + workers.maxWorkers() + ")");
    }
    if (s.workersMin() < workers.minWorkers()) {
      throw new ConfigException(
          AutoscaleConfig.WORKERS_MIN_CONFIG,
          s.workersMin(),
          "cannot be below " + workers.minWorkers());
    }
    return s;
  }

  @Override
  public boolean scalesWorkers() {
    return autoscaler.settings().enabled();
  }

  @Override
  public CompletionStage<Outcome> status() {
    return CompletableFuture.completedFuture(Outcome.ok(statusBody()));
  }

  @Override
  public synchronized CompletionStage<Outcome> update(Map<String, String> changes) {
    Map<String, String> merged =
        new LinkedHashMap<>(AutoscaleConfig.asProperties(autoscaler.settings()));
    merged.putAll(changes);
    PolicySettings next;
    try {
      next = validated(merged, defaultMin, defaultMax, workers);
    } catch (ConfigException e) {
      String key =
          changes.keySet().stream()
              .filter(k -> e.getMessage().contains(k))
              .findFirst()
              .orElse(null);
      Map<String, Object> details = new LinkedHashMap<>();
      if (key != null) {
        details.put("key", key);
        details.put("value", changes.get(key));
      }
      return CompletableFuture.completedFuture(
          Outcome.refused(
              Outcome.Kind.INVALID,
              "INVALID_SETTING",
              e.getMessage() + "; the policy in force is unchanged",
              details));
    }
    autoscaler.update(next);
    return CompletableFuture.completedFuture(Outcome.ok(statusBody()));
  }

  @Override
  public CompletionStage<Outcome> decisions(Instant since) {
    List<Map<String, Object>> list =
        autoscaler.timeline(since).stream().map(AutoscaleService::entry).toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("decisions", list);
    body.put("count", list.size());
    return CompletableFuture.completedFuture(Outcome.ok(body));
  }

  private Map<String, Object> statusBody() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("policy", AutoscaleConfig.asProperties(autoscaler.settings()));
    ClusterSnapshot snapshot = autoscaler.latest().orElse(null);
    Decision decision = autoscaler.decision().orElse(null);
    Map<String, Object> snap = new LinkedHashMap<>();
    snap.put("at", snapshot == null ? null : snapshot.at().toString());
    snap.put("problem", snapshot == null ? null : snapshot.problem().orElse(null));
    body.put("snapshot", snap);

    Map<String, Object> w = new LinkedHashMap<>();
    w.put("running", workers.currentWorkers());
    w.put("desired", workers.desiredWorkers());
    w.put("decided", decision == null ? null : decision.workers().desired());
    w.put("min", autoscaler.settings().workersMin());
    w.put("max", autoscaler.settings().workersMax());
    w.put("cpu", snapshot == null ? null : orNull(snapshot.workerCpu()));
    w.put("cause", decision == null ? null : decision.workers().cause().name());
    w.put("reason", decision == null ? null : decision.workers().reason());
    w.put("failure", autoscaler.workerFailure().orElse(null));
    List<Map<String, Object>> processes = new ArrayList<>();
    if (snapshot != null) {
      for (ClusterSnapshot.WorkerLoad load : snapshot.workerLoads()) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", load.name());
        p.put("cpu", orNull(load.cpu()));
        p.put("residentBytes", load.residentBytes() < 0 ? null : load.residentBytes());
        processes.add(p);
      }
    }
    w.put("processes", processes);
    body.put("workers", w);

    Map<String, Decision.TaskChange> changes = new HashMap<>();
    if (decision != null) {
      decision.tasks().forEach(t -> changes.put(t.connector(), t));
    }
    List<Map<String, Object>> connectors = new ArrayList<>();
    if (snapshot != null) {
      for (ConnectorLoad c : snapshot.connectors()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("kind", c.kind().name());
        m.put("state", c.state());
        m.put("tasks", c.tasks());
        m.put("runningTasks", c.runningTasks());
        Decision.TaskChange change = changes.get(c.name());
        m.put("desiredTasks", change == null ? c.tasks() : change.desired());
        m.put("partitions", c.partitions());
        m.put("lag", c.lag());
        m.put("lagSeconds", c.lagSeconds());
        m.put("stuckLag", c.stuckLag());
        m.put("arrivalRate", orNull(c.arrivalRate()));
        m.put("drainRate", orNull(c.drainRate()));
        m.put("taskRate", orNull(c.taskRate()));
        m.put("cause", change == null ? null : change.cause().name());
        m.put("reason", change == null ? c.problem().orElse(null) : change.reason());
        connectors.add(m);
      }
    }
    body.put("connectors", connectors);
    List<Autoscaler.Entry> timeline = autoscaler.timeline(null);
    body.put(
        "decisions",
        timeline.subList(Math.max(0, timeline.size() - RECENT), timeline.size()).stream()
            .map(AutoscaleService::entry)
            .toList());
    return body;
  }

  static Map<String, Object> entry(Autoscaler.Entry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id());
    m.put("at", e.at().toString());
    m.put("target", e.target());
    m.put("from", e.from());
    m.put("to", e.to());
    m.put("cause", e.cause().name());
    m.put("reason", e.reason());
    m.put("outcome", e.outcome());
    return m;
  }

  private static Double orNull(OptionalDouble d) {
    return d.isPresent() ? Math.round(d.getAsDouble() * 1000) / 1000.0 : null;
  }
}
