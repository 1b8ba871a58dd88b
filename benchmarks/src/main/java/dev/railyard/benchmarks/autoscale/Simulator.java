package dev.railyard.benchmarks.autoscale;

import dev.railyard.autoscale.policy.AutoscaleConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs every trace, for an IO-bound and a CPU-bound sink, through Railyard's policy, KEDA with the
 * HPA (every lagThreshold of a sweep, the best one shown) and the MSK-style CPU policy, and prints
 * the Markdown tables of docs/benchmarks.md. Deterministic: the same seed prints the same tables.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.railyard.benchmarks.autoscale.Simulator
 * [seed] [--explain <trace>]}
 */
public final class Simulator {

  static final long DEFAULT_SEED = 20261203L;
  static final long[] THRESHOLDS = {10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000};

  private Simulator() {}

  /** One policy's run of one trace. */
  record Run(String policy, Tally tally, List<String> journal) {}

  /**
   * Every policy's run of one trace; Railyard's twice, from the same tasks.max as each KEDA (the
   * partitions, and Connect's default of one).
   */
  record Runs(
      Trace trace,
      List<Run> railyard,
      List<Run> railyardOneTask,
      Run msk,
      List<Run> keda,
      List<Run> kedaOneTask) {}

  public static void main(String[] args) {
    long seed = args.length > 0 ? Long.parseLong(args[0]) : DEFAULT_SEED;
    String explain = args.length > 2 && args[1].equals("--explain") ? args[2] : null;
    Model model = Model.calibrated();
    System.out.printf(Locale.ROOT, "seed %d%n", seed);
    for (Profile profile : List.of(Profile.IO_BOUND, Profile.CPU_BOUND)) {
      System.out.printf(
          Locale.ROOT,
          "%n### %s sink: %.0f records/s per task, %.1f ms CPU a record (1 unit = %.0f/s)%n%n",
          profile.name(),
          profile.taskRate(),
          profile.cpuPerRecord() * 1000,
          profile.unit(model));
      List<Runs> all = new ArrayList<>();
      for (Trace trace : Trace.all(model.partitions())) {
        Runs runs = runs(model, profile, trace, seed);
        all.add(runs);
        if (trace.name().equals(explain)) {
          List<Run> shown = new ArrayList<>(runs.railyard());
          shown.addAll(runs.railyardOneTask());
          shown.add(best(runs.keda()));
          shown.add(runs.msk());
          explain(profile, trace, shown);
        }
      }
      perTrace(all);
      oneTask(all);
      oneThreshold(all);
      sweep(all);
    }
  }

  private static Runs runs(Model model, Profile profile, Trace trace, long seed) {
    double[][] arrivals = trace.arrivals(profile.unit(model), seed);
    List<Run> railyard = new ArrayList<>();
    List<Run> railyardOneTask = new ArrayList<>();
    // as many tasks per worker as partitions: the task count never decides the workers, the CPU
    // does
    Map<String, String> tuned =
        Map.of(AutoscaleConfig.TASKS_PER_WORKER_CONFIG, String.valueOf(model.partitions()));
    for (Map<String, String> overrides : List.of(Map.<String, String>of(), tuned)) {
      railyard.add(
          run(
              model,
              profile,
              arrivals,
              seed,
              new RailyardPolicy(model, overrides, model.partitions())));
      railyardOneTask.add(
          run(model, profile, arrivals, seed, new RailyardPolicy(model, overrides, 1)));
    }
    Run msk = run(model, profile, arrivals, seed, new MskCpu());
    List<Run> keda = new ArrayList<>();
    List<Run> kedaOneTask = new ArrayList<>();
    for (long threshold : THRESHOLDS) {
      keda.add(run(model, profile, arrivals, seed, new KedaHpa(threshold)));
      kedaOneTask.add(run(model, profile, arrivals, seed, new KedaHpa(threshold, 1)));
    }
    return new Runs(trace, railyard, railyardOneTask, msk, keda, kedaOneTask);
  }

  /** Against the lagThreshold best for each trace. */
  private static void perTrace(List<Runs> all) {
    header();
    for (Runs runs : all) {
      Run best = best(runs.keda());
      for (Run r : runs.railyard()) {
        row(runs.trace().name(), r, best, true);
      }
      row(runs.trace().name(), best, best, false);
      row(runs.trace().name(), runs.msk(), best, false);
    }
  }

  /**
   * Against KEDA on a connector left at Connect's default tasks.max of 1, the lagThreshold best for
   * each trace: the case where new workers add no parallelism.
   */
  private static void oneTask(List<Runs> all) {
    System.out.printf(
        Locale.ROOT,
        "%nAgainst KEDA with the connector at Connect's default tasks.max=1 (best lagThreshold per"
            + " trace):%n%n");
    header();
    for (Runs runs : all) {
      Run best = best(runs.kedaOneTask());
      for (Run r : runs.railyardOneTask()) {
        row(runs.trace().name(), r, best, true);
      }
      row(runs.trace().name(), best, best, false);
    }
  }

  /**
   * Against the one lagThreshold a user would keep for all five traces, chosen as {@link #best}
   * chooses, on the totals over the traces.
   */
  private static void oneThreshold(List<Runs> all) {
    List<Run> totals = new ArrayList<>();
    for (int i = 0; i < THRESHOLDS.length; i++) {
      Tally sum = new Tally();
      for (Runs runs : all) {
        Tally t = runs.keda().get(i).tally();
        sum.lagSecondsAbove += t.lagSecondsAbove;
        sum.workerSeconds += t.workerSeconds;
      }
      totals.add(new Run(String.valueOf(i), sum, List.of()));
    }
    int chosen = Integer.parseInt(best(totals).policy());
    System.out.printf(
        Locale.ROOT,
        "%nAgainst one lagThreshold for all five traces (%d, the best on their totals):%n%n",
        THRESHOLDS[chosen]);
    header();
    for (Runs runs : all) {
      Run keda = runs.keda().get(chosen);
      for (Run r : runs.railyard()) {
        row(runs.trace().name(), r, keda, true);
      }
      row(runs.trace().name(), keda, keda, false);
    }
  }

  private static void sweep(List<Runs> all) {
    System.out.printf(
        Locale.ROOT,
        "%nKEDA's sweep (lag-seconds above target / worker-seconds / rebalances):%n%n");
    System.out.print("| trace |");
    for (long t : THRESHOLDS) {
      System.out.printf(Locale.ROOT, " %d |", t);
    }
    System.out.printf(Locale.ROOT, "%n|---|%s%n", "---:|".repeat(THRESHOLDS.length));
    for (Runs runs : all) {
      System.out.println(sweep(runs.trace().name(), runs.keda()));
    }
  }

  static Run run(Model model, Profile profile, double[][] arrivals, long seed, Autoscaler policy) {
    Cluster cluster =
        new Cluster(model, profile, policy.initialTasks(model), model.workersMin(), seed);
    for (int t = 0; t < arrivals.length; t++) {
      cluster.step(t, arrivals[t]);
      policy.tick(cluster);
    }
    return new Run(policy.name(), cluster.tally(), policy.journal());
  }

  /**
   * The lagThreshold a user tuning for the drain target would keep: the fewest lag-seconds above
   * it; among those within 5 % (or 10 lag-seconds) of that, the fewest worker-seconds.
   */
  static Run best(List<Run> runs) {
    double least = runs.stream().mapToDouble(r -> r.tally().lagSecondsAbove).min().orElseThrow();
    double bar = Math.max(least * 1.05, least + 10);
    return runs.stream()
        .filter(r -> r.tally().lagSecondsAbove <= bar)
        .min(Comparator.comparingDouble(r -> r.tally().workerSeconds))
        .orElseThrow();
  }

  private static void header() {
    System.out.println(
        "| trace | policy | lag-s above target | worker-s | scale events | rebalances "
            + "| worst lag (s) | most workers | lag vs KEDA | worker-s vs KEDA | goal |");
    System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
  }

  private static void row(String trace, Run run, Run keda, boolean judged) {
    Tally t = run.tally();
    Tally k = keda.tally();
    System.out.printf(
        Locale.ROOT,
        "| %s | %s | %,.0f | %,.0f | %d | %d | %d | %d | %s | %s | %s |%n",
        trace,
        run.policy(),
        t.lagSecondsAbove,
        t.workerSeconds,
        t.scaleEvents,
        t.rebalances,
        t.worstAge,
        t.mostWorkers,
        ratio(t.lagSecondsAbove, k.lagSecondsAbove),
        ratio(t.workerSeconds, k.workerSeconds),
        judged ? goal(t, k) : "");
  }

  /**
   * The goal against KEDA: under half its lag-seconds above target (none when it has none),
   * no more worker-seconds, fewer rebalances (none when it has none); what misses it.
   */
  static String goal(Tally railyard, Tally keda) {
    List<String> missed = new ArrayList<>();
    if (keda.lagSecondsAbove > 0
        ? railyard.lagSecondsAbove >= keda.lagSecondsAbove / 2
        : railyard.lagSecondsAbove > 0) {
      missed.add("lag");
    }
    if (railyard.workerSeconds > keda.workerSeconds) {
      missed.add("worker-s");
    }
    if (keda.rebalances > 0 ? railyard.rebalances >= keda.rebalances : railyard.rebalances > 0) {
      missed.add("rebalances");
    }
    return missed.isEmpty() ? "✓" : "✗ " + String.join(", ", missed);
  }

  private static String sweep(String trace, List<Run> runs) {
    StringBuilder b = new StringBuilder("| ").append(trace).append(" |");
    for (Run r : runs) {
      Tally t = r.tally();
      b.append(
          String.format(
              Locale.ROOT,
              " %,.0f / %,.0f / %d |",
              t.lagSecondsAbove,
              t.workerSeconds,
              t.rebalances));
    }
    return b.toString();
  }

  private static String ratio(double value, double keda) {
    if (keda == 0) {
      return value == 0 ? "= (both 0)" : "∞";
    }
    return String.format(Locale.ROOT, "%.2f×", value / keda);
  }

  private static void explain(Profile profile, Trace trace, List<Run> runs) {
    for (Run r : runs) {
      System.err.printf(Locale.ROOT, "%n== %s, %s, %s%n", profile.name(), trace.name(), r.policy());
      r.journal().forEach(System.err::println);
    }
  }
}
