package dev.railyard.autoscale.policy;

import static dev.railyard.autoscale.policy.Loads.at;
import static dev.railyard.autoscale.policy.Loads.settings;
import static dev.railyard.autoscale.policy.Loads.sink;
import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.autoscale.policy.ClusterSnapshot.WorkerLoad;
import dev.railyard.autoscale.policy.Decision.Cause;
import dev.railyard.autoscale.policy.Loads.Load;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Workers from their CPU: a CPU-bound sink with all its tasks gets workers in proportion. */
class CpuSizingTest {

  private final PolicySettings settings =
      settings(java.util.Map.of("autoscale.tasks.per.worker", "12"), 1, 6);

  /** A sink on 12 partitions with all 12 tasks, its workers as given. */
  private static Load bound(double arrival, double drain, long lag) {
    return sink("transform").partitions(12).tasks(12).arrival(arrival).drain(drain).lag(lag);
  }

  private static ClusterSnapshot snapshot(
      long second, int workers, double average, List<Double> each, Load load) {
    List<WorkerLoad> loads =
        each.stream().map(c -> new WorkerLoad("w", OptionalDouble.of(c), -1)).toList();
    return new ClusterSnapshot(
        at(second),
        List.of(load.build()),
        workers,
        workers,
        OptionalDouble.of(average),
        Optional.empty(),
        loads);
  }

  @Test
  void shouldAskForWorkersInProportionToWhatIsNeededOverWhatIsDrained() {
    // 900/s arriving, 300/s drained on 1 worker at 100 %: 3 workers' worth; and a backlog whose
    // oldest record is 60 s old, so the half of it older than 30 s is to drain within the target
    Decision d =
        ScalingPolicy.decide(
            snapshot(0, 1, 1.0, List.of(1.0), bound(900, 300, 18_000).lagSeconds(60)),
            settings,
            PolicyMemory.EMPTY);

    assertThat(d.workers().cause()).isEqualTo(Cause.CPU);
    assertThat(d.workers().desired()).isEqualTo(2);
    assertThat(d.workers().reason())
        .contains("transform is behind with all its tasks and a worker is CPU-bound at 100 %")
        .contains("1,050/s needed, 300/s drained on 1 worker")
        .contains("(4 wanted; one at a time: each join is a rebalance)");
  }

  @Test
  void shouldNotDrainABacklogYoungerThanHalfTheTargetWithMoreWorkers() {
    // the same backlog, its oldest record 20 s old: the arrivals alone decide
    Decision d =
        ScalingPolicy.decide(
            snapshot(0, 1, 1.0, List.of(1.0), bound(900, 300, 18_000).lagSeconds(20)),
            settings,
            PolicyMemory.EMPTY);

    assertThat(d.workers().reason())
        .contains("900/s needed, 300/s drained on 1 worker")
        .contains("(3 wanted; one at a time: each join is a rebalance)");
  }

  @Test
  void shouldSkipWorkerCountsThatLeaveSomeWorkersATaskMore() {
    // 12 tasks: on 5 workers two of them run 3, as on 4; so 4 workers behind ask for 6
    Decision d =
        ScalingPolicy.decide(
            snapshot(
                0, 4, 1.0, List.of(1.0, 1.0, 1.0, 1.0), bound(1_100, 1_000, 20_000).lagSeconds(40)),
            settings,
            PolicyMemory.EMPTY);

    assertThat(d.workers().reason()).contains("(6 wanted; one at a time");
    assertThat(CpuSizing.evenUp(5, 12)).isEqualTo(6);
    assertThat(CpuSizing.evenUp(4, 12)).isEqualTo(4);
    assertThat(CpuSizing.evenUp(7, 12)).isEqualTo(12);
    assertThat(CpuSizing.evenUp(3, 2)).isEqualTo(3);
    assertThat(CpuSizing.evenUp(2, 0)).isEqualTo(2);
  }

  @Test
  void shouldWaitForTheDrainRateOnTheWorkersThereAreAfterAChange() {
    Decision first =
        ScalingPolicy.decide(
            snapshot(0, 1, 1.0, List.of(1.0), bound(900, 300, 18_000)),
            settings,
            PolicyMemory.EMPTY);
    // 10 s later, on 2 workers: the drain rate still counts the start, the rebalance and the one
    // worker; 50 s later it no longer does
    Decision soon =
        ScalingPolicy.decide(
            snapshot(10, 2, 1.0, List.of(1.0, 1.0), bound(900, 320, 20_000)),
            settings,
            first.memory());

    assertThat(soon.workers().desired()).isEqualTo(2);
    assertThat(soon.workers().reason()).contains("waiting for the drain rate on 2 workers");

    Decision later =
        ScalingPolicy.decide(
            snapshot(50, 2, 1.0, List.of(1.0, 1.0), bound(900, 600, 20_000)),
            settings,
            soon.memory());
    assertThat(later.workers().desired()).isEqualTo(3);
  }

  @Test
  void shouldSeeAHotWorkerTheAverageHides() {
    // one worker at 100 % with the hot partition, the other at 30 %: average 65 %
    Decision d =
        ScalingPolicy.decide(
            snapshot(0, 2, 0.65, List.of(1.0, 0.3), bound(300, 250, 9_000)),
            settings,
            PolicyMemory.EMPTY);

    assertThat(d.workers().desired()).isEqualTo(3);
    assertThat(d.workers().reason()).contains("a worker is CPU-bound at 100 %");
  }

  @Test
  void shouldLeaveNoFewerWorkersThanKeepTheBusiestWorkerUnderFull() {
    // 5 workers at 80 %, keeping up, for longer than the window: 4 would run 3 tasks each, 100 %
    Decision d =
        steady(
            0,
            300,
            PolicyMemory.EMPTY,
            s -> snapshot(s, 5, 0.80, List.of(0.80), bound(900, 900, 0)));

    assertThat(d.workers().desired()).isEqualTo(5);
    assertThat(d.workers().reason()).contains("CPU 80 % on 5");

    // at 70 % they would run at 84 %: one leaves
    Decision lower =
        steady(
            0,
            300,
            PolicyMemory.EMPTY,
            s -> snapshot(s, 5, 0.70, List.of(0.70), bound(800, 800, 0)));
    assertThat(lower.workers().desired()).isEqualTo(4);
    assertThat(CpuSizing.fewestUnderFull(5, 0.80, 12)).isEqualTo(6);
    assertThat(CpuSizing.fewestUnderFull(5, 0.70, 12)).isEqualTo(4);
    assertThat(CpuSizing.fewestUnderFull(3, 0.5, 0)).isEqualTo(2);
  }

  @Test
  void shouldNotTryFewerWorkersThanFellBehindAtAboutTheSameArrivals() {
    // 2 workers drained 400/s and fell behind 450/s; later the average says 1 would do, but the
    // load is the same
    Decision raised =
        ScalingPolicy.decide(
            snapshot(0, 2, 1.0, List.of(1.0, 1.0), bound(450, 400, 5_000)),
            settings,
            PolicyMemory.EMPTY);
    assertThat(raised.workers().desired()).isEqualTo(3);

    PolicyMemory memory = raised.memory();
    Decision d = null;
    for (int s = 40; s <= 400; s += 5) {
      d =
          ScalingPolicy.decide(
              snapshot(s, 3, 0.3, List.of(0.6, 0.15, 0.15), bound(450, 450, 0)), settings, memory);
      memory = d.memory();
    }

    assertThat(d.workers().desired()).isEqualTo(3);
    assertThat(d.workers().reason())
        .contains("but 2 workers fell behind draining 400/s (fewer are tried below 380/s)");
  }

  @Test
  void shouldTryFewerWorkersOnceArrivalsAreBelowWhatTheyDrainedWhenTheyFellBehind() {
    // 2 workers drained 400/s and fell behind 450/s; later 370/s arrive, under 95 % of 400/s
    // (before: blocked until 80 % of the 450/s, 360/s, though 2 workers drain 400/s)
    Decision raised =
        ScalingPolicy.decide(
            snapshot(0, 2, 1.0, List.of(1.0, 1.0), bound(450, 400, 5_000)),
            settings,
            PolicyMemory.EMPTY);
    assertThat(raised.workers().desired()).isEqualTo(3);

    PolicyMemory memory = raised.memory();
    List<String> down = new java.util.ArrayList<>();
    for (int s = 40; s <= 400; s += 5) {
      Decision d =
          ScalingPolicy.decide(
              snapshot(s, 3, 0.3, List.of(0.6, 0.15, 0.15), bound(370, 370, 0).taskRate(50)),
              settings,
              memory);
      memory = d.memory();
      if (d.workers().desired() < 3) {
        down.add(d.workers().reason());
      }
    }

    assertThat(down).isNotEmpty().allSatisfy(r -> assertThat(r).doesNotContain("fell behind"));
  }

  /**
   * Decides every 5 s from {@code from} to {@code to} on the snapshots given; the last decision.
   */
  private Decision steady(
      long from,
      long to,
      PolicyMemory memory,
      java.util.function.LongFunction<ClusterSnapshot> at) {
    Decision d = null;
    for (long s = from; s <= to; s += 5) {
      d = ScalingPolicy.decide(at.apply(s), settings, memory);
      memory = d.memory();
    }
    return d;
  }
}
