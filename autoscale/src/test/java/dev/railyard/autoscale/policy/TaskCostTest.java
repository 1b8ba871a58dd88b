package dev.railyard.autoscale.policy;

import static dev.railyard.autoscale.policy.Loads.at;
import static dev.railyard.autoscale.policy.Loads.only;
import static dev.railyard.autoscale.policy.Loads.settings;
import static dev.railyard.autoscale.policy.Loads.sink;
import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.autoscale.policy.ConnectorLoad.Kind;
import dev.railyard.autoscale.policy.Decision.Cause;
import dev.railyard.autoscale.policy.Loads.Load;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * The worker formula counts tasks at {@code tasks.per.worker} until the workers' CPU showed what
 * they cost, and at what they cost after (TaskCost); and a backlog on track within the drain target
 * asks for no worker (ScalingPolicy.onTrack).
 */
class TaskCostTest {

  private final PolicySettings settings = settings(1, 6);

  private static ClusterSnapshot cpu(Instant at, int workers, double average, Load... loads) {
    return new ClusterSnapshot(
        at,
        List.of(loads).stream().map(Load::build).toList(),
        workers,
        workers,
        OptionalDouble.of(average),
        Optional.empty());
  }

  @Test
  void shouldCountMeasuredTasksAtWhatTheirCpuSaysTheyCost() {
    // 12 tasks of a slow HTTP target at 48 % CPU on one worker (4 % a task), a backlog growing
    // older than the drain target with all its tasks: the formula's 12 tasks at 2 per worker
    // would be 6 workers, for tasks that wait on their endpoint
    Decision d =
        ScalingPolicy.decide(
            cpu(
                at(0),
                1,
                0.48,
                sink("c")
                    .partitions(12)
                    .tasks(12)
                    .lag(20_000)
                    .lagSeconds(50)
                    .arrival(260)
                    .drain(240)
                    .taskRate(20)),
            settings,
            PolicyMemory.EMPTY);

    assertThat(d.workers().desired()).isEqualTo(1);
    assertThat(d.workers().reason())
        .startsWith("2 busy tasks at 2 per worker; ")
        .endsWith("(busy tasks: 12 measured ones count as 2, at 4 % CPU a task)");
  }

  @Test
  void shouldCountTasksAtTheSettingUntilTheirCpuIsMeasured() {
    // given a target whose tasks went 1 → 3 a second ago, and a router whose tasks ran all along
    Load router = sink("railyard.router.b").kind(Kind.ROUTER).partitions(3).tasks(3).arrival(40);
    Load before = sink("target").partitions(3).tasks(1).lag(2000).lagSeconds(3).arrival(40);
    Decision up =
        ScalingPolicy.decide(cpu(at(0), 1, 0.2, router, before), settings, PolicyMemory.EMPTY);
    assertThat(up.tasks().get(1).desired()).isEqualTo(3);

    // when the queued worker step comes, the new tasks' CPU is not known yet
    Load after = sink("target").partitions(3).tasks(3).lag(1900).lagSeconds(4).arrival(40);
    Decision d = ScalingPolicy.decide(cpu(at(1), 1, 0.2, router, after), settings, up.memory());

    // then they count at 2 per worker, the router's measured 3 at what they cost (7 % a task)
    assertThat(d.workers().desired()).isEqualTo(2);
    assertThat(d.workers().reason())
        .startsWith("4 busy tasks at 2 per worker; workers 1 → 2")
        .endsWith("(busy tasks: 3 measured ones count as 1, at 3 % CPU a task)");
  }

  @Test
  void shouldLeaveCpuBoundWorkersToTheCpuRulesNotTheFormula() {
    // 12 CPU-bound tasks on 4 workers at 100 %: a task's CPU is what it got (a third of a worker)
    // and would grow with every worker added; the measured tasks ask for no more than there are
    Decision d =
        ScalingPolicy.decide(
            cpu(
                at(0),
                4,
                1.0,
                sink("c")
                    .partitions(12)
                    .tasks(12)
                    .lag(40_000)
                    .lagSeconds(40)
                    .arrival(919)
                    .drain(980)
                    .taskRate(82)),
            settings,
            PolicyMemory.EMPTY);

    assertThat(d.workers().desired()).isEqualTo(4);
    assertThat(d.workers().reason()).startsWith("8 busy tasks at 2 per worker");
  }

  @Test
  void shouldAskNoWorkerForABacklogThatDrainsWithinTheTarget() {
    // 5,000 records 30 s old, drained at 200/s against 10/s arriving: the oldest left is 54 s
    // old at most when the rest is through, within the 60 s target, on a worker at 95 %
    Decision d =
        ScalingPolicy.decide(
            cpu(
                at(0),
                1,
                0.95,
                sink("c").partitions(6).tasks(2).lag(5000).arrival(10).drain(200).taskRate(100)),
            settings,
            PolicyMemory.EMPTY);

    assertThat(d.workers().desired()).isEqualTo(1);
    assertThat(d.workers().cause()).isNotEqualTo(Cause.CPU);
    assertThat(ScalingPolicy.onTrack(sink("c").lag(5000).arrival(10).drain(200).build(), settings))
        .isTrue();
  }

  @Test
  void shouldTellAYoungBurstTheDrainClearsFromOneItDoesNot() {
    // lag 5 s old: records between commits, when what drains clears it within the target
    assertThat(
            ScalingPolicy.onTrack(
                sink("c").lag(2000).lagSeconds(5).arrival(10).drain(240).build(), settings))
        .isTrue();
    // a burst of 24,000 young records at 122/s would take 197 s: behind at once
    assertThat(
            ScalingPolicy.onTrack(
                sink("c").lag(24_000).lagSeconds(5).arrival(122).drain(122).build(), settings))
        .isFalse();
    // draining slower than records arrive, the oldest record only gets older
    assertThat(
            ScalingPolicy.onTrack(
                sink("c").lag(3000).lagSeconds(20).arrival(300).drain(250).build(), settings))
        .isFalse();
  }

  @Test
  void shouldKeepTheFormulaWhenTheCpuCannotBeRead() {
    Decision d =
        Loads.first(
            Loads.snapshot(
                at(0),
                1,
                sink("c")
                    .partitions(12)
                    .tasks(12)
                    .lag(20_000)
                    .lagSeconds(50)
                    .arrival(260)
                    .drain(240)
                    .taskRate(20)),
            settings);

    assertThat(d.workers().reason()).startsWith("12 busy tasks at 2 per worker; ");
    assertThat(only(d).connector()).isEqualTo("c");
  }

  @Test
  void shouldKeepTheTasksOfAMeasuredConnectorWhenFewerDoTheSameWorkOnTheSameWorkers() {
    // given 12 measured tasks at 20 % CPU on the one worker whose demand fell to 3 tasks: counted
    // at their cost they are one task's worth either way, so 3 tasks would free no worker
    PolicyMemory memory = PolicyMemory.EMPTY;
    Decision d = null;
    for (int s = 0; s <= 125; s += 5) {
      d =
          ScalingPolicy.decide(
              cpu(at(s), 1, 0.2, sink("c").partitions(12).tasks(12).arrival(44).taskRate(20)),
              settings,
              memory);
      memory = d.memory();
    }

    // then it keeps 12: the step would be a rebalance for nothing
    assertThat(only(d).desired()).isEqualTo(12);
    assertThat(only(d).cause()).isEqualTo(Cause.STABILIZING);
    assertThat(only(d).reason()).contains("3 tasks would free no worker");
  }
}
