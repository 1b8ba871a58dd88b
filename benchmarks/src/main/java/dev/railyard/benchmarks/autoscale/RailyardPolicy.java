package dev.railyard.benchmarks.autoscale;

import dev.railyard.autoscale.policy.AutoscaleConfig;
import dev.railyard.autoscale.policy.ClusterSnapshot;
import dev.railyard.autoscale.policy.Decision;
import dev.railyard.autoscale.policy.PolicyMemory;
import dev.railyard.autoscale.policy.PolicySettings;
import dev.railyard.autoscale.policy.ScalingPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

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
  private Map<Cluster.Worker, double[]> cpuRead = new IdentityHashMap<>();

  private final String name;
  private final int initialTasks;

  /**
   * Railyard with its defaults but {@code overrides} ({@code railyard.properties} keys), the
   * connector starting at {@code initialTasks}.
   */
  RailyardPolicy(Model model, Map<String, String> overrides, int initialTasks) {
    this.settings =
        new AutoscaleConfig(overrides, model.workersMin(), model.workersMax()).settings();
    this.collector = new Collector(model.flushInterval());
    this.interval = (int) settings.interval().toSeconds();
    this.initialTasks = initialTasks;
    this.name =
        overrides.isEmpty()
            ? "Railyard, defaults"
            : "Railyard, "
                + overrides.entrySet().stream()
                    .map(e -> e.getKey().replace("autoscale.", "") + " " + e.getValue())
                    .collect(Collectors.joining(", "));
  }

  @Override
  public String name() {
    return name;
  }

  /** The same tasks.max as the KEDA run it is compared with. */
  @Override
  public int initialTasks(Model model) {
    return initialTasks;
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
            Optional.empty(),
            workerLoads(c));
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

  /**
   * Each worker's CPU since the last step, from its CPU time as the collector reads a process's;
   * unknown for one that joined since.
   */
  private List<ClusterSnapshot.WorkerLoad> workerLoads(Cluster c) {
    List<ClusterSnapshot.WorkerLoad> loads = new ArrayList<>();
    Map<Cluster.Worker, double[]> next = new IdentityHashMap<>();
    for (Cluster.Worker w : c.joined()) {
      double[] before = cpuRead.get(w);
      double seconds = before == null ? 0 : c.second() - before[0];
      loads.add(
          new ClusterSnapshot.WorkerLoad(
              "worker",
              seconds > 0
                  ? OptionalDouble.of((w.cpuUsed - before[1]) / seconds)
                  : OptionalDouble.empty(),
              -1));
      next.put(w, new double[] {c.second(), w.cpuUsed});
    }
    cpuRead = next;
    return loads;
  }

  @Override
  public List<String> journal() {
    return journal;
  }
}
