package dev.railyard.autoscale.policy;

import static dev.railyard.autoscale.policy.Loads.at;
import static dev.railyard.autoscale.policy.Loads.only;
import static dev.railyard.autoscale.policy.Loads.settings;
import static dev.railyard.autoscale.policy.Loads.sink;
import static dev.railyard.autoscale.policy.Loads.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.autoscale.policy.ConnectorLoad.Kind;
import dev.railyard.autoscale.policy.Decision.Cause;
import dev.railyard.autoscale.policy.Loads.Load;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class WorkerSizingTest {

  private final PolicySettings settings = settings(1, 3);

  private Decision decide(ClusterSnapshot snapshot) {
    return Loads.first(snapshot, settings);
  }

  @Test
  void shouldGiveWorkersForTheBusyTasksWithinTheReservedCountAndCeiling() {
    // router busy at 1 task, target scaling to 3: 4 busy tasks at 2 per worker
    Decision d =
        decide(
            snapshot(
                at(0),
                1,
                sink("railyard.router.orders").kind(Kind.ROUTER).arrival(100).taskRate(5000),
                sink("target").tasks(3).lag(2000).taskRate(20),
                sink("idle").tasks(1)));

    assertThat(d.workers().desired()).isEqualTo(2);
    assertThat(d.workers().cause()).isEqualTo(Cause.DEMAND_UP);
    assertThat(d.workers().reason()).isEqualTo("4 busy tasks at 2 per worker; workers 1 → 2");

    // 12 busy tasks want 6 workers: capped at 3, and one worker a step
    Decision capped =
        ScalingPolicy.decide(
            snapshot(at(0), 1, sink("a").partitions(12).tasks(12).lag(1_000_000).taskRate(20)),
            settings,
            PolicyMemory.EMPTY);
    assertThat(capped.workers().desired()).isEqualTo(2);
    assertThat(capped.workers().reason())
        .contains("capped at the ceiling of 3")
        .contains("workers 1 → 2 (3 wanted; one at a time: each join is a rebalance)");
  }

  @Test
  void shouldKeepTheReservedCountWithAnEmptySnapshot() {
    Decision d =
        ScalingPolicy.decide(snapshot(at(0), 2, new Load[0]), settings(2, 4), PolicyMemory.EMPTY);

    assertThat(d.tasks()).isEmpty();
    assertThat(d.workers().desired()).isEqualTo(2);
    assertThat(d.workers().reason()).contains("reserved 2");
  }

  @Test
  void shouldRaiseTheReservedCountInsideAScheduledWindow() {
    PolicySettings scheduled =
        settings(Map.of("autoscale.schedule", "wed 09:00-11:00 workers=3"), 1, 4);
    // T0 is Wednesday 10:00 UTC
    Decision inside =
        ScalingPolicy.decide(snapshot(at(0), 1, new Load[0]), scheduled, PolicyMemory.EMPTY);
    assertThat(inside.workers().desired()).isEqualTo(2);
    assertThat(inside.workers().cause()).isEqualTo(Cause.RESERVED);
    assertThat(inside.workers().reason()).contains("reserved 3 (schedule)");
    Decision next =
        ScalingPolicy.decide(snapshot(at(5), 2, new Load[0]), scheduled, inside.memory());
    assertThat(next.workers().desired()).isEqualTo(3);

    Decision outside =
        ScalingPolicy.decide(snapshot(at(3 * 3600), 1, new Load[0]), scheduled, PolicyMemory.EMPTY);
    assertThat(outside.workers().desired()).isEqualTo(1);
  }

  @Test
  void shouldAddAWorkerWhenTheWorkersAreCpuBoundAndAConnectorIsBehind() {
    // a backlog that 200/s would clear only after its oldest record is 78 s old, with tasks
    // enough (2 of 6 partitions), on a worker at 95 %
    Decision d =
        decide(
            cpu(
                0.95,
                sink("c").partitions(6).tasks(2).lag(10_000).arrival(10).drain(200).taskRate(100)));

    assertThat(d.workers().desired()).isEqualTo(2);
    assertThat(d.workers().cause()).isEqualTo(Cause.CPU);
    assertThat(d.workers().reason()).contains("CPU-bound at 95 %");
  }

  @Test
  void shouldNotAddAWorkerForCpuThatKeepsUp() {
    // 95 % CPU, nothing behind: the CPU is used, not short
    Decision d = decide(cpu(0.95, sink("c").arrival(10).drain(10).taskRate(20)));

    assertThat(d.workers().desired()).isEqualTo(1);
    assertThat(d.workers().cause()).isEqualTo(Cause.STEADY);
  }

  @Test
  void shouldKeepTheWorkersThereAreWhileEveryConnectorKeepsUp() {
    // 12 tasks at 2 per worker would be 6 workers, but the one there is keeps up with them (no CPU
    // reading: every task counts as one, TaskCostTest has what a reading changes)
    Decision d =
        decide(
            snapshot(
                at(0), 1, sink("c").partitions(12).tasks(12).arrival(100).drain(100).taskRate(20)));

    assertThat(d.workers().desired()).isEqualTo(1);
    assertThat(d.workers().reason())
        .startsWith("12 busy tasks at 2 per worker; every connector keeps up on the 1 there are");
  }

  private static ClusterSnapshot cpu(double average, Load load) {
    return new ClusterSnapshot(
        at(0), List.of(load.build()), 1, 1, OptionalDouble.of(average), Optional.empty());
  }

  @Test
  void shouldHoldEverythingWhenNothingCouldBeRead() {
    ClusterSnapshot failed =
        ClusterSnapshot.failed(at(0), 3, 3, "Kafka did not answer within 10 s");

    Decision d = ScalingPolicy.decide(failed, settings(1, 3), PolicyMemory.EMPTY);

    assertThat(d.workers().desired()).isEqualTo(3);
    assertThat(d.workers().cause()).isEqualTo(Cause.HOLD);
    assertThat(d.workers().reason())
        .isEqualTo("holding 3 workers: Kafka did not answer within 10 s");
  }

  @Test
  void shouldWaitForAWorkerChangeUnderWayBeforeDecidingAnother() {
    ClusterSnapshot starting =
        new ClusterSnapshot(
            at(0),
            List.of(sink("c").partitions(12).lag(1_000_000).taskRate(20).build()),
            1,
            2,
            OptionalDouble.empty(),
            Optional.empty());

    Decision d = decide(starting);

    assertThat(d.workers().desired()).isEqualTo(2);
    assertThat(d.workers().reason()).contains("1 of 2 workers running");
  }

  @Test
  void shouldStepWorkersDownAfterTheWindowOneWorkerAtATime() {
    PolicyMemory memory = PolicyMemory.EMPTY;
    int workers = 3;
    int[] seen = new int[400];
    for (int s = 0; s < 400; s += 5) {
      Decision d =
          ScalingPolicy.decide(snapshot(at(s), workers, sink("c").tasks(1)), settings, memory);
      memory = d.memory();
      workers = d.workers().desired();
      seen[s] = workers;
    }
    // each leave is a rebalance: one worker, then the next once the first settled (15 s)
    assertThat(seen[115]).isEqualTo(3);
    assertThat(seen[120]).isEqualTo(2);
    assertThat(seen[130]).isEqualTo(2);
    assertThat(seen[135]).isEqualTo(1);
    assertThat(workers).isEqualTo(1);
  }

  @Test
  void shouldKeepABusyConnectorsTasksWhenFewerWouldFreeNoWorker() {
    // given 4 busy tasks (2 workers' worth) whose demand fell to 3 tasks: still 2 workers
    PolicyMemory memory = PolicyMemory.EMPTY;
    Decision d = null;
    for (int s = 0; s <= 120; s += 5) {
      d =
          ScalingPolicy.decide(
              snapshot(at(s), 2, sink("c").partitions(12).tasks(4).arrival(44).taskRate(20)),
              settings,
              memory);
      memory = d.memory();
    }

    // then it keeps 4: the step would be a rebalance for nothing
    assertThat(only(d).desired()).isEqualTo(4);
    assertThat(only(d).cause()).isEqualTo(Cause.STABILIZING);
    assertThat(only(d).reason()).contains("3 tasks would free no worker");
    assertThat(d.workers().desired()).isEqualTo(2);
  }
}
