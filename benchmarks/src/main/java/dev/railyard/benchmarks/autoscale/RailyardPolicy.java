package dev.railyard.benchmarks.autoscale;

import dev.railyard.autoscale.policy.ClusterSnapshot;
import dev.railyard.autoscale.policy.Decision;
import dev.railyard.autoscale.policy.PolicyMemory;
import dev.railyard.autoscale.policy.PolicySettings;
import dev.railyard.autoscale.policy.ScalingPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Railyard's own {@link ScalingPolicy} with its default settings, fed by the {@link Collector} once
 * an interval (5 s), or a second after a step that queued a change, with the workers' average CPU
 * since the last step, and its decision (one change at most) applied at once: tasks.max through
 * Connect, the worker count through the actuator.
 */
final class RailyardPolicy implements Autoscaler {

  private static final Instant T0 = Instant.parse("2026-12-02T00:00:00Z");

  private final PolicySettings settings;
  private final Collector collector;
  private final int interval;
  private final List<String> journal = new ArrayList<>();
  private PolicyMemory memory = PolicyMemory.EMPTY;
  private double cpuSum;
  private int cpuSeconds;
  private boolean pending;

  private final String name;

  RailyardPolicy(Model model, Collector.Backlog backlog) {
    this.settings = PolicySettings.defaults(model.workersMin(), model.workersMax());
    this.collector = new Collector(settings.lagThreshold(), backlog, model.flushInterval());
    this.interval = (int) settings.interval().toSeconds();
    this.name =
        backlog == Collector.Backlog.LAG_SECONDS
            ? "Railyard, backlog = lag age > " + 2 * model.flushInterval() + " s"
            : "Railyard, backlog = lag > " + settings.lagThreshold();
  }

  @Override
  public String name() {
    return name;
  }

  /** An idle connector sits at its minimum, one task. */
  @Override
  public int initialTasks(Model model) {
    return 1;
  }

  @Override
  public void tick(Cluster c) {
    cpuSum += c.cpu();
    cpuSeconds++;
    if (c.second() % interval != 0 && !pending) {
      return;
    }
    ClusterSnapshot snapshot =
        new ClusterSnapshot(
            T0.plusSeconds(c.second()),
            List.of(collector.read(c)),
            c.workersJoined(),
            c.workersLaunched(),
            OptionalDouble.of(cpuSum / cpuSeconds),
            Optional.empty());
    cpuSum = 0;
    cpuSeconds = 0;
    Decision d = ScalingPolicy.decide(snapshot, settings, memory);
    memory = d.memory();
    // a change waits for its turn: the autoscaler steps again a second later
    pending = d.pending();
    Decision.TaskChange tasks = d.tasks().get(0);
    if (tasks.changes()) {
      journal.add(c.second() + " s: " + tasks.reason());
    }
    if (d.workers().desired() != c.workersLaunched()) {
      journal.add(c.second() + " s: " + d.workers().reason());
    }
    c.tasksMax(tasks.desired());
    c.workers(d.workers().desired());
  }

  @Override
  public List<String> journal() {
    return journal;
  }
}
