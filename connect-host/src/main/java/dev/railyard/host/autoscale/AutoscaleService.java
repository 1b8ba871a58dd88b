package dev.railyard.host.autoscale;

import dev.railyard.api.platform.AutoscaleAdmin;
import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.answers.AutoscaleDecision;
import dev.railyard.api.platform.answers.AutoscaleDecisions;
import dev.railyard.api.platform.answers.AutoscaleStatus;
import dev.railyard.autoscale.actuate.WorkerActuator;
import dev.railyard.autoscale.control.Autoscaler;
import dev.railyard.autoscale.policy.AutoscaleConfig;
import dev.railyard.autoscale.policy.ClusterSnapshot;
import dev.railyard.autoscale.policy.ConnectorLoad;
import dev.railyard.autoscale.policy.Decision;
import dev.railyard.autoscale.policy.PolicySettings;
import dev.railyard.autoscale.policy.SourceBacklog;
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
  public CompletionStage<Outcome<AutoscaleStatus>> status() {
    return CompletableFuture.completedFuture(Outcome.ok(statusNow()));
  }

  @Override
  public synchronized CompletionStage<Outcome<AutoscaleStatus>> update(
      Map<String, String> changes) {
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
    return CompletableFuture.completedFuture(Outcome.ok(statusNow()));
  }

  @Override
  public CompletionStage<Outcome<AutoscaleDecisions>> decisions(Instant since) {
    return CompletableFuture.completedFuture(
        Outcome.ok(
            AutoscaleDecisions.of(
                autoscaler.timeline(since).stream().map(AutoscaleService::entry).toList())));
  }

  private AutoscaleStatus statusNow() {
    ClusterSnapshot snapshot = autoscaler.latest().orElse(null);
    Decision decision = autoscaler.decision().orElse(null);
    List<Autoscaler.Entry> timeline = autoscaler.timeline(null);
    return new AutoscaleStatus(
        AutoscaleConfig.asProperties(autoscaler.settings()),
        new AutoscaleStatus.Snapshot(
            snapshot == null ? null : snapshot.at().toString(),
            snapshot == null ? null : snapshot.problem().orElse(null)),
        workers(snapshot, decision),
        connectors(snapshot, decision),
        timeline.subList(Math.max(0, timeline.size() - RECENT), timeline.size()).stream()
            .map(AutoscaleService::entry)
            .toList());
  }

  private AutoscaleStatus.Workers workers(ClusterSnapshot snapshot, Decision decision) {
    List<AutoscaleStatus.ProcessLoad> processes = new ArrayList<>();
    if (snapshot != null) {
      for (ClusterSnapshot.WorkerLoad load : snapshot.workerLoads()) {
        processes.add(
            new AutoscaleStatus.ProcessLoad(
                load.name(),
                orNull(load.cpu()),
                load.residentBytes() < 0 ? null : load.residentBytes()));
      }
    }
    return new AutoscaleStatus.Workers(
        workers.currentWorkers(),
        workers.desiredWorkers(),
        decision == null ? null : decision.workers().desired(),
        autoscaler.settings().workersMin(),
        autoscaler.settings().workersMax(),
        snapshot == null ? null : orNull(snapshot.workerCpu()),
        decision == null ? null : decision.workers().cause().name(),
        decision == null ? null : decision.workers().reason(),
        autoscaler.workerFailure().orElse(null),
        processes);
  }

  private static List<AutoscaleStatus.Connector> connectors(
      ClusterSnapshot snapshot, Decision decision) {
    Map<String, Decision.TaskChange> changes = new HashMap<>();
    if (decision != null) {
      decision.tasks().forEach(t -> changes.put(t.connector(), t));
    }
    List<AutoscaleStatus.Connector> connectors = new ArrayList<>();
    if (snapshot != null) {
      for (ConnectorLoad c : snapshot.connectors()) {
        Decision.TaskChange change = changes.get(c.name());
        connectors.add(
            new AutoscaleStatus.Connector(
                c.name(),
                c.kind().name(),
                c.state(),
                c.tasks(),
                c.runningTasks(),
                change == null ? c.tasks() : change.desired(),
                c.partitions(),
                c.lag(),
                c.lagSeconds(),
                c.stuckLag(),
                orNull(c.arrivalRate()),
                orNull(c.drainRate()),
                orNull(c.taskRate()),
                change == null ? null : change.cause().name(),
                change == null ? c.problem().orElse(null) : change.reason(),
                c.backlog().map(AutoscaleService::backlog).orElse(null)));
      }
    }
    return connectors;
  }

  private static AutoscaleStatus.SourceBacklog backlog(SourceBacklog b) {
    return new AutoscaleStatus.SourceBacklog(
        b.bytesBehind(),
        b.stuckBytes(),
        b.files(),
        b.stuckFiles(),
        b.filesWithoutSize(),
        b.mostTasks(),
        orNull(b.arrivalRate()),
        orNull(b.drainRate()),
        orNull(b.taskRate()));
  }

  static AutoscaleDecision entry(Autoscaler.Entry e) {
    return new AutoscaleDecision(
        e.id(),
        e.at().toString(),
        e.target(),
        e.from(),
        e.to(),
        e.cause().name(),
        e.reason(),
        e.outcome());
  }

  private static Double orNull(OptionalDouble d) {
    return d.isPresent() ? Math.round(d.getAsDouble() * 1000) / 1000.0 : null;
  }
}
