package dev.railyard.autoscale.policy;

import static dev.railyard.autoscale.policy.Loads.at;
import static dev.railyard.autoscale.policy.Loads.settings;
import static dev.railyard.autoscale.policy.Loads.sink;
import static dev.railyard.autoscale.policy.Loads.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.autoscale.policy.Decision.Cause;
import dev.railyard.autoscale.policy.Decision.TaskChange;
import dev.railyard.autoscale.policy.Loads.Load;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** One change a step, each once the one before it is done: every change is a rebalance. */
class OneChangeTest {

  private final PolicySettings settings = settings(1, 3);

  private static ClusterSnapshot workers(Instant at, int running, int desired, Load... loads) {
    return new ClusterSnapshot(
        at,
        List.of(loads).stream().map(Load::build).toList(),
        running,
        desired,
        OptionalDouble.empty(),
        Optional.empty());
  }

  @Test
  void shouldRaiseTasksFirstAndQueueTheWorkersForTheNextStep() {
    // given a burst on a target at 1 task of 3 partitions: it wants 3 tasks and 2 workers
    Decision first =
        ScalingPolicy.decide(
            snapshot(at(0), 1, sink("fn").lag(2000)), settings, PolicyMemory.EMPTY);

    // then this step raises the tasks only
    assertThat(first.tasks().get(0).desired()).isEqualTo(3);
    assertThat(first.workers().desired()).isEqualTo(1);
    assertThat(first.workers().cause()).isEqualTo(Cause.QUEUED);
    assertThat(first.workers().reason())
        .isEqualTo(
            "3 busy tasks at 2 per worker; workers stay 1 (2 next; one change at a time, fn's"
                + " tasks 1 → 3 first)");
    assertThat(first.pending()).isTrue();

    // and the next, once Connect runs the 3 tasks, adds the worker
    Decision second =
        ScalingPolicy.decide(
            snapshot(at(1), 1, sink("fn").lag(2000).tasks(3)), settings, first.memory());
    assertThat(second.tasks().get(0).changes()).isFalse();
    assertThat(second.workers().desired()).isEqualTo(2);
    assertThat(second.workers().cause()).isEqualTo(Cause.DEMAND_UP);
    assertThat(second.pending()).isFalse();
  }

  @Test
  void shouldWaitUntilConnectRunsTheNewTasksBeforeTheNextChange() {
    Decision first =
        ScalingPolicy.decide(
            snapshot(at(0), 1, sink("fn").lag(2000)), settings, PolicyMemory.EMPTY);

    Decision rebalancing =
        ScalingPolicy.decide(
            snapshot(at(1), 1, sink("fn").lag(2000).tasks(3).running(1)), settings, first.memory());

    assertThat(rebalancing.workers().desired()).isEqualTo(1);
    assertThat(rebalancing.workers().cause()).isEqualTo(Cause.QUEUED);
    assertThat(rebalancing.workers().reason())
        .contains("waiting for the change under way: fn has 1 of 3 tasks running");
  }

  @Test
  void shouldChangeNoTasksWhileAWorkerStarts() {
    Decision d =
        ScalingPolicy.decide(
            workers(at(0), 1, 2, sink("fn").lag(2000)), settings, PolicyMemory.EMPTY);

    TaskChange fn = d.tasks().get(0);
    assertThat(fn.desired()).isEqualTo(1);
    assertThat(fn.cause()).isEqualTo(Cause.QUEUED);
    assertThat(fn.reason())
        .endsWith(
            "; tasks stay 1 (3 next; waiting for the change under way: workers 1 of 2 running)");
    assertThat(d.memory().lastChange()).isNull();
  }

  @Test
  void shouldRaiseTheConnectorWithTheOldestLagFirst() {
    Decision d =
        ScalingPolicy.decide(
            snapshot(
                at(0),
                3,
                sink("a").lag(5000).lagSeconds(40).taskRate(20),
                sink("b").lag(5000).lagSeconds(90).taskRate(20)),
            settings,
            PolicyMemory.EMPTY);

    assertThat(d.tasks()).extracting(TaskChange::desired).containsExactly(1, 3);
    assertThat(d.tasks().get(0).cause()).isEqualTo(Cause.QUEUED);
    assertThat(d.tasks().get(0).reason()).contains("one change at a time, b's tasks 1 → 3 first");
  }

  @Test
  void shouldLowerTasksBeforeAWorkerLeaves() {
    // given 3 tasks on 2 workers, idle since the burst they were for
    Load low = sink("fn").tasks(3);
    PolicyMemory memory = PolicyMemory.EMPTY;
    Decision d = null;
    for (int s = 0; s <= 120; s += 5) {
      d = ScalingPolicy.decide(snapshot(at(s), 2, low), settings, memory);
      memory = d.memory();
    }

    // then after the window the tasks go first
    assertThat(d.tasks().get(0).desired()).isEqualTo(1);
    assertThat(d.workers().desired()).isEqualTo(2);
    assertThat(d.workers().cause()).isEqualTo(Cause.QUEUED);

    // and the worker once that change settled
    Load lowered = sink("fn").tasks(1);
    for (int s = 125; s <= 135; s += 5) {
      d = ScalingPolicy.decide(snapshot(at(s), 2, lowered), settings, memory);
      memory = d.memory();
      assertThat(d.workers().desired())
          .as("at %d s: %s", s, d.workers().reason())
          .isEqualTo(s < 135 ? 2 : 1);
    }
  }

  @Test
  void shouldNotLetAFailedTaskBlockScalingPastTheSettleTime() {
    // given a change 20 s ago, and a connector with one of its 3 tasks FAILED since
    Decision change =
        ScalingPolicy.decide(
            snapshot(at(0), 1, sink("fn").lag(2000)), settings, PolicyMemory.EMPTY);

    Decision d =
        ScalingPolicy.decide(
            snapshot(at(20), 1, sink("fn").lag(2000).tasks(3).running(2)),
            settings,
            change.memory());

    assertThat(d.workers().desired()).isEqualTo(2);
  }
}
