package dev.railyard.autoscale.policy;

import static dev.railyard.autoscale.policy.Loads.at;
import static dev.railyard.autoscale.policy.Loads.only;
import static dev.railyard.autoscale.policy.Loads.settings;
import static dev.railyard.autoscale.policy.Loads.sink;
import static dev.railyard.autoscale.policy.Loads.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.autoscale.policy.ConnectorLoad.Kind;
import dev.railyard.autoscale.policy.Decision.Cause;
import dev.railyard.autoscale.policy.Decision.TaskChange;
import dev.railyard.autoscale.policy.Loads.Load;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScalingPolicyTest {

  private final PolicySettings settings = settings(1, 3);

  private Decision decide(ClusterSnapshot snapshot) {
    return Loads.first(snapshot, settings);
  }

  @Test
  void shouldRaiseTasksSoTheLagDrainsWithinTheTargetAndSayWhy() {
    // given 2,000 records behind at 20/s per task: 60 s needs 1.7 tasks
    Load load = sink("orders-to-billing").lag(2000).taskRate(20);

    // when
    TaskChange change = only(decide(snapshot(at(0), 1, load)));

    // then rounded to a divisor of the 3 partitions
    assertThat(change.desired()).isEqualTo(3);
    assertThat(change.cause()).isEqualTo(Cause.DEMAND_UP);
    assertThat(change.reason())
        .isEqualTo(
            "orders-to-billing: lag 2,000 drains in 100 s at 20/s per task; tasks 1 → 3 (3 partitions)");
  }

  @ParameterizedTest(
      name = "lag {0}, arrivals {1}/s, {2}/s per task, {3} partitions, now {4} → {5}")
  @CsvSource({
    // lag, arrival, per task, partitions, tasks now, desired
    "0, 0, 20, 3, 1, 1", // idle stays at the minimum
    "1200, 0, 20, 3, 1, 1", // drains in 60 s with one task
    "1300, 0, 20, 3, 1, 3", // needs 1.08: the next divisor of 3
    "1000000, 0, 20, 3, 1, 3", // never above the partitions
    "0, 50, 20, 12, 1, 3", // keeping up with arrivals alone
    "0, 90, 20, 12, 1, 6", // 4.5 tasks: the next divisor of 12 is 6
    "0, 90, 20, 7, 1, 7", // a prime count of partitions: all or one
    "0, 10, 20, 4, 1, 1", // half a task's rate
    "12000, 100, 20, 12, 4, 12", // 10 + 5 tasks capped at 12 partitions
  })
  void shouldSizeTasksByDrainTargetArrivalsAndPartitions(
      long lag, double arrival, double perTask, int partitions, int now, int desired) {
    Load load =
        sink("c").lag(lag).arrival(arrival).taskRate(perTask).partitions(partitions).tasks(now);

    assertThat(only(decide(snapshot(at(0), 1, load))).desired()).isEqualTo(desired);
  }

  @Test
  void shouldKeepWithinTheConnectorsOwnBoundsAndStillSpreadEvenly() {
    // given 12 partitions, wanting 6, but the connector allows at most 5
    Load load =
        sink("c")
            .partitions(12)
            .arrival(90)
            .taskRate(20)
            .config(Map.of("railyard.autoscale.tasks.max", "5"));

    // then the largest divisor of 12 within 5
    assertThat(only(decide(snapshot(at(0), 1, load))).desired()).isEqualTo(4);

    Load idle =
        sink("c").partitions(12).tasks(4).config(Map.of("railyard.autoscale.tasks.min", "2"));
    PolicyMemory memory = PolicyMemory.EMPTY;
    Decision later = null;
    for (int s = 0; s <= 120; s += 5) {
      later = ScalingPolicy.decide(snapshot(at(s), 1, idle), settings, memory);
      memory = later.memory();
    }
    // idle: down to its minimum of 2 (a divisor of 12) in one step after the window
    assertThat(only(later).desired()).isEqualTo(2);
  }

  @Test
  void shouldLeaveAloneAConnectorThatOptedOutIsNotRunningOrIsASource() {
    Decision d =
        decide(
            snapshot(
                at(0),
                1,
                sink("out")
                    .lag(10_000)
                    .taskRate(20)
                    .config(Map.of("railyard.autoscale.enabled", "false")),
                sink("paused").lag(10_000).taskRate(20).state("PAUSED"),
                sink("cdc").kind(Kind.SOURCE).tasks(1),
                sink("bad").lag(10_000).config(Map.of("railyard.autoscale.tasks.max", "lots"))));

    assertThat(d.tasks()).allSatisfy(c -> assertThat(c.cause()).isEqualTo(Cause.LEFT_ALONE));
    assertThat(d.tasks()).allSatisfy(c -> assertThat(c.desired()).isEqualTo(c.current()));
    assertThat(d.tasks().get(0).reason()).contains("opted out (railyard.autoscale.enabled=false)");
    assertThat(d.tasks().get(1).reason()).contains("PAUSED");
    assertThat(d.tasks().get(3).reason())
        .contains("railyard.autoscale.tasks.max must be a whole number of at least 1, not 'lots'");
  }

  @Test
  void shouldDoubleTasksWhileThePerTaskRateIsNotMeasuredThenWaitForIt() {
    Load load = sink("c").lag(2000).partitions(12);

    Decision first = ScalingPolicy.decide(snapshot(at(0), 1, load), settings, PolicyMemory.EMPTY);
    assertThat(only(first).desired()).isEqualTo(2);
    assertThat(only(first).cause()).isEqualTo(Cause.UNMEASURED);
    assertThat(only(first).reason()).contains("per-task rate not measured yet, doubling");

    // five seconds later, with two tasks, still not measured: wait for the rate
    Decision second =
        ScalingPolicy.decide(
            snapshot(at(5), 1, sink("c").lag(2000).partitions(12).tasks(2)),
            settings,
            first.memory());
    assertThat(only(second).desired()).isEqualTo(2);
    assertThat(only(second).cause()).isEqualTo(Cause.HOLD);

    // and past the settle time, while the collector can still measure it: no second doubling
    Decision later =
        ScalingPolicy.decide(
            snapshot(at(25), 1, sink("c").lag(2000).partitions(12).tasks(2)),
            settings,
            second.memory());
    assertThat(only(later).desired()).isEqualTo(2);
    assertThat(only(later).cause()).isEqualTo(Cause.HOLD);

    // once the rate is measured: one jump to what the lag needs
    Decision measured =
        ScalingPolicy.decide(
            snapshot(at(30), 1, sink("c").lag(6000).partitions(12).tasks(2).taskRate(20)),
            settings,
            later.memory());
    assertThat(only(measured).desired()).isEqualTo(6);
  }

  @Test
  void shouldDoubleAgainWhenNoRateCameWithinTheCollectorsWindow() {
    Load load = sink("c").lag(2000).partitions(12);
    Decision first = ScalingPolicy.decide(snapshot(at(0), 1, load), settings, PolicyMemory.EMPTY);

    Decision again =
        ScalingPolicy.decide(
            snapshot(at(30), 1, sink("c").lag(2000).partitions(12).tasks(2)),
            settings,
            first.memory());

    assertThat(only(again).desired()).isEqualTo(4);
    assertThat(only(again).cause()).isEqualTo(Cause.UNMEASURED);
  }

  @Test
  void shouldNotTakeRecordsSinceTheLastCommitForABacklog() {
    // given 400 records behind a connector that drains 50/s: what arrived since its last commit
    Load load = sink("c").lag(400).arrival(50).drain(50);

    TaskChange change = only(decide(snapshot(at(0), 1, load)));

    assertThat(change.desired()).isEqualTo(1);
    assertThat(change.cause()).isNotEqualTo(Cause.UNMEASURED);
  }

  @Test
  void shouldTryOneStepFewerWhenKeepingUpWithoutAMeasuredRate() {
    // given 6 tasks on 3 workers keeping up with a trickle, their rate never measured
    Decision d = keepingUp(6);

    // then after the window it steps down one divisor, which frees a worker
    assertThat(only(d).desired()).as(only(d).reason()).isEqualTo(4);
    assertThat(only(d).reason()).contains("keeping up, per-task rate not measured yet");
  }

  @Test
  void shouldKeepTasksThatKeepUpWhenFewerWouldFreeNoWorker() {
    // 12 tasks keep up on the 3 workers there are; 6 would still need all 3
    Decision d = keepingUp(12);

    assertThat(only(d).desired()).isEqualTo(12);
    assertThat(only(d).reason()).contains("6 tasks would free no worker");
  }

  private Decision keepingUp(int tasks) {
    PolicyMemory memory = PolicyMemory.EMPTY;
    Decision d = null;
    for (int s = 0; s <= 120; s += 5) {
      d =
          ScalingPolicy.decide(
              snapshot(at(s), 3, sink("c").partitions(12).tasks(tasks).lag(20).arrival(5).drain(5)),
              settings,
              memory);
      memory = d.memory();
    }
    return d;
  }

  @Test
  void shouldNotTryAgainFewerTasksThatFellBehindAtAboutTheSameArrivals() {
    // given 4 unmeasured tasks that fell behind 1,000/s and were doubled to 12 (settings: 3 max
    // workers; the tasks only matter here)
    Decision behind =
        ScalingPolicy.decide(
            snapshot(at(0), 3, sink("c").partitions(12).tasks(4).lag(20_000).arrival(1000)),
            settings,
            PolicyMemory.EMPTY);
    assertThat(only(behind).desired()).isEqualTo(12);

    // when, at 6 tasks and still unmeasured, they keep up with 950/s through a whole window
    PolicyMemory memory = behind.memory();
    Decision d = null;
    for (int s = 60; s <= 300; s += 5) {
      d =
          ScalingPolicy.decide(
              snapshot(at(s), 3, sink("c").partitions(12).tasks(6).lag(300).arrival(950)),
              settings,
              memory);
      memory = d.memory();
    }

    // then they stay at 6: 4 fell behind at about this rate
    assertThat(only(d).desired()).as(only(d).reason()).isEqualTo(6);
    assertThat(only(d).reason()).contains("4 fell behind at 1,000/s; fewer are tried below 800/s");

    // and at 700/s fewer are tried again, after the window
    int tried = -1;
    for (int s = 305; s <= 430 && tried < 0; s += 5) {
      d =
          ScalingPolicy.decide(
              snapshot(at(s), 3, sink("c").partitions(12).tasks(6).lag(300).arrival(700)),
              settings,
              memory);
      memory = d.memory();
      tried = only(d).desired() == 4 ? s : -1;
    }
    assertThat(tried).as(only(d).reason()).isEqualTo(425);
  }

  @Test
  void shouldNotScaleOnLagThatDoesNotDrain() {
    // given 5,000 records behind on a stuck partition, and nothing else
    Load load = sink("c").lag(5000).stuck(5000, 1).taskRate(20);

    TaskChange change = only(decide(snapshot(at(0), 1, load)));

    assertThat(change.desired()).isEqualTo(1);
    assertThat(change.reason()).contains("not counting 5,000 on 1 stuck partition");
  }

  @Test
  void shouldScaleDownOnlyAfterTheWindowOfLowerDemandOneStepAtATime() {
    // given a connector at 6 tasks of 12 partitions whose demand fell to one task
    Load low = sink("c").partitions(12).tasks(6).arrival(5).taskRate(20);
    PolicyMemory memory = PolicyMemory.EMPTY;
    Decision d = null;
    for (int s = 0; s < 120; s += 5) {
      d = ScalingPolicy.decide(snapshot(at(s), 3, low), settings, memory);
      memory = d.memory();
      assertThat(only(d).desired()).as("at %d s", s).isEqualTo(6);
      assertThat(only(d).cause()).isEqualTo(Cause.STABILIZING);
    }
    assertThat(only(d).reason()).contains("waiting for 120 s of lower demand, 115 s so far");

    // when the window has passed: one step down, to what the window asked for at most
    d = ScalingPolicy.decide(snapshot(at(120), 3, low), settings, memory);
    assertThat(only(d).desired()).isEqualTo(1);
    assertThat(only(d).cause()).isEqualTo(Cause.DEMAND_DOWN);
    assertThat(only(d).reason()).contains("tasks 6 → 1").contains("one step down after 120 s");
  }

  @Test
  void shouldStepDownOnlyToTheHighestDemandOfTheWindow() {
    // given 6 tasks whose demand was 3 tasks' worth for a while, then 1
    PolicyMemory memory = PolicyMemory.EMPTY;
    Decision d = null;
    for (int s = 0; s <= 120; s += 5) {
      double arrival = s < 60 ? 40 : 5;
      d =
          ScalingPolicy.decide(
              snapshot(at(s), 3, sink("c").partitions(12).tasks(6).arrival(arrival).taskRate(20)),
              settings,
              memory);
      memory = d.memory();
    }

    // then it goes to 3 (what 40/s needed, with headroom), not to 1
    assertThat(only(d).desired()).isEqualTo(3);
  }

  @Test
  void shouldNotFlapOnARateNearABoundary() {
    // given 3 tasks; demand moving between 2.3 and 2.9 tasks' worth
    PolicyMemory memory = PolicyMemory.EMPTY;
    for (int s = 0; s < 600; s += 5) {
      double arrival = s % 10 == 0 ? 46 : 58;
      Decision d =
          ScalingPolicy.decide(
              snapshot(at(s), 2, sink("c").tasks(3).arrival(arrival).taskRate(20)),
              settings,
              memory);
      memory = d.memory();
      assertThat(only(d).desired()).as("at %d s", s).isEqualTo(3);
    }
  }

  @Test
  void shouldScaleUpAtOnceEvenRightAfterAStepDown() {
    Load low = sink("c").partitions(12).tasks(6).arrival(5).taskRate(20);
    PolicyMemory memory = PolicyMemory.EMPTY;
    for (int s = 0; s <= 120; s += 5) {
      memory = ScalingPolicy.decide(snapshot(at(s), 3, low), settings, memory).memory();
    }
    Decision burst =
        ScalingPolicy.decide(
            snapshot(at(125), 3, sink("c").partitions(12).tasks(4).lag(50_000).taskRate(20)),
            settings,
            memory);
    assertThat(only(burst).desired()).isEqualTo(12);
  }

  @Test
  void shouldHoldAConnectorWhoseOffsetsWereNotReadAndTheWorkersWithIt() {
    Decision d =
        decide(
            snapshot(
                at(0),
                2,
                sink("c").tasks(3).problem("offsets of group connect-c not read within PT10S"),
                sink("d").tasks(1)));

    assertThat(d.tasks().get(0).desired()).isEqualTo(3);
    assertThat(d.tasks().get(0).cause()).isEqualTo(Cause.HOLD);
    assertThat(d.workers().desired()).isEqualTo(2);
    assertThat(d.workers().cause()).isEqualTo(Cause.HOLD);
  }

  @Test
  void shouldForgetAConnectorDeletedBetweenDecisions() {
    Decision both = decide(snapshot(at(0), 1, sink("stays").tasks(1), sink("deleted").tasks(3)));
    assertThat(both.memory().connectors()).containsExactly("deleted", "stays");

    Decision after =
        ScalingPolicy.decide(snapshot(at(5), 1, sink("stays")), settings, both.memory());

    assertThat(after.memory().connectors()).containsExactly("stays");
    assertThat(after.tasks()).extracting(TaskChange::connector).containsExactly("stays");
  }
}
