package dev.railyard.host.autoscale;

import dev.railyard.autoscale.actuate.WorkerActuator;
import dev.railyard.autoscale.control.Autoscaler;
import dev.railyard.autoscale.policy.ConnectorLoad;
import dev.railyard.autoscale.policy.Decision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * {@code railyard_autoscale_*} in Prometheus: desired and actual workers, per connector its tasks
 * (actual and desired) and lag (records and seconds), per source that exposes it its bytes behind
 * and the rates its files grow and are read, and the decisions by cause and outcome. Per-connector
 * series follow the latest snapshot: a deleted connector's series go. Thread-safe.
 */
final class AutoscaleMetrics {

  private final MeterRegistry registry;
  private final MultiGauge tasks;
  private final MultiGauge desiredTasks;
  private final MultiGauge lagRecords;
  private final MultiGauge lagSeconds;
  private final MultiGauge bytesBehind;
  private final MultiGauge arrivalBytes;
  private final MultiGauge drainBytes;

  AutoscaleMetrics(MeterRegistry registry, WorkerActuator workers) {
    this.registry = registry;
    Gauge.builder("railyard.autoscale.workers.actual", workers, WorkerActuator::currentWorkers)
        .description("Connect workers running and ready")
        .register(registry);
    Gauge.builder("railyard.autoscale.workers.desired", workers, WorkerActuator::desiredWorkers)
        .description("Connect workers the platform is heading for")
        .register(registry);
    tasks =
        MultiGauge.builder("railyard.autoscale.tasks.actual")
            .description("tasks.max of a connector")
            .register(registry);
    desiredTasks =
        MultiGauge.builder("railyard.autoscale.tasks.desired")
            .description("tasks the policy wants for a connector")
            .register(registry);
    lagRecords =
        MultiGauge.builder("railyard.autoscale.lag.records")
            .description("records a connector is behind")
            .register(registry);
    lagSeconds =
        MultiGauge.builder("railyard.autoscale.lag.seconds")
            .description("how long ago the oldest record a connector has not committed arrived")
            .register(registry);
    bytesBehind =
        MultiGauge.builder("railyard.autoscale.source.bytes.behind")
            .description("bytes a source (the log source) is behind, as its committed offsets say")
            .register(registry);
    arrivalBytes =
        MultiGauge.builder("railyard.autoscale.source.arrival.bytes.per.second")
            .description("bytes per second a source's files grow")
            .register(registry);
    drainBytes =
        MultiGauge.builder("railyard.autoscale.source.drain.bytes.per.second")
            .description("bytes per second a source reads (its committed positions' growth)")
            .register(registry);
  }

  /** Follows a new snapshot and decision. */
  void update(List<ConnectorLoad> loads, Decision decision) {
    tasks.register(rows(loads, c -> c.tasks()), true);
    lagRecords.register(rows(loads, c -> c.lag()), true);
    lagSeconds.register(rows(loads, c -> c.lagSeconds()), true);
    List<ConnectorLoad> sources = loads.stream().filter(c -> c.backlog().isPresent()).toList();
    bytesBehind.register(rows(sources, c -> c.backlog().get().bytesBehind()), true);
    arrivalBytes.register(
        rows(
            sources.stream().filter(c -> c.backlog().get().arrivalRate().isPresent()).toList(),
            c -> c.backlog().get().arrivalRate().getAsDouble()),
        true);
    drainBytes.register(
        rows(
            sources.stream().filter(c -> c.backlog().get().drainRate().isPresent()).toList(),
            c -> c.backlog().get().drainRate().getAsDouble()),
        true);
    List<MultiGauge.Row<?>> desired = new ArrayList<>();
    for (Decision.TaskChange t : decision.tasks()) {
      int n = t.desired();
      desired.add(MultiGauge.Row.of(Tags.of("connector", t.connector()), () -> n));
    }
    desiredTasks.register(desired, true);
  }

  /** Counts a timeline entry. */
  void count(Autoscaler.Entry e) {
    Counter.builder("railyard.autoscale.decisions")
        .description("scaling decisions recorded, by what they are about, cause and outcome")
        .tags(
            "target",
            e.target().equals(Autoscaler.WORKERS) ? "workers" : "tasks",
            "cause",
            e.cause().name(),
            "outcome",
            e.outcome().split(":", 2)[0])
        .register(registry)
        .increment();
  }

  private static List<MultiGauge.Row<?>> rows(
      List<ConnectorLoad> loads, ToDoubleFunction<ConnectorLoad> value) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    for (ConnectorLoad c : loads) {
      double v = value.applyAsDouble(c);
      rows.add(MultiGauge.Row.of(Tags.of("connector", c.name()), () -> v));
    }
    return rows;
  }
}
