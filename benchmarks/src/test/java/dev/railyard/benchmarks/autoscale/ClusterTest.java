package dev.railyard.benchmarks.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ClusterTest {

  private final Model model = Model.calibrated();
  private long second;

  private double[] none() {
    return new double[model.partitions()];
  }

  private double[] everywhere(double records) {
    double[] a = none();
    Arrays.fill(a, records / model.partitions());
    return a;
  }

  private void run(Cluster c, int seconds) {
    for (int i = 0; i < seconds; i++) {
      c.step(second++, none());
    }
  }

  @Test
  void shouldDrainAtTheTaskRate() {
    // given one IO-bound task with 1,200 records waiting
    Cluster c = new Cluster(model, Profile.IO_BOUND, 1, 1, 1);
    c.step(second++, everywhere(1200));

    // when ten seconds more pass
    run(c, 9);

    // then it drained 20 a second
    assertThat(c.backlog()).isCloseTo(1200 - 10 * 20, within(1e-6));
    assertThat(c.oldestAge()).isEqualTo(9);
  }

  @Test
  void shouldShareAWorkersCpuBetweenItsTasks() {
    // given two CPU-bound tasks on one worker, each able to do 250/s alone
    Cluster c = new Cluster(model, Profile.CPU_BOUND, 2, 1, 1);
    c.step(second++, everywhere(12_000));

    // then together they drain what one vCPU allows: 0.98 / 4 ms
    assertThat(c.backlog()).isCloseTo(12_000 - 245, within(1e-6));
    assertThat(c.cpu()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void shouldPauseEveryTaskDuringARebalance() {
    Cluster c = new Cluster(model, Profile.IO_BOUND, 1, 1, 1);
    c.step(second++, everywhere(1200));
    double before = c.backlog();

    // when tasks.max changes: the next second drains nothing
    c.tasksMax(2);
    run(c, 1);
    assertThat(c.backlog()).isEqualTo(before);

    // then both tasks drain
    run(c, 1);
    assertThat(c.backlog()).isCloseTo(before - 2 * 20, within(1e-6));
    assertThat(c.tally().rebalances).isEqualTo(1);
    assertThat(c.tally().scaleEvents).isEqualTo(1);
  }

  @Test
  void shouldJoinANewWorkerAfterItsStartTimeAndPayForItFromLaunch() {
    Cluster c = new Cluster(model, Profile.IO_BOUND, 2, 1, 1);
    run(c, 1);

    c.workers(2);
    run(c, model.workerStart() - 1);
    assertThat(c.workersLaunched()).isEqualTo(2);
    assertThat(c.workersJoined()).isEqualTo(1);
    assertThat(c.tally().rebalances).isZero();

    run(c, 1);
    assertThat(c.workersJoined()).isEqualTo(2);
    assertThat(c.tally().rebalances).isEqualTo(1);
    assertThat(c.tally().workerSeconds).isEqualTo(1 + 2 * model.workerStart());
  }

  @Test
  void shouldMoveTheTasksOfADepartedWorkerInTheRebalanceOfItsLeave() {
    Cluster c = new Cluster(model, Profile.IO_BOUND, 2, 2, 1);
    run(c, 1);

    c.workers(1);
    run(c, 1 + model.rebalancePause());

    assertThat(c.runningTasks()).isEqualTo(2);
    assertThat(c.tally().rebalances).isEqualTo(1);
  }

  @Test
  void shouldLeaveTheTasksOfADepartedWorkerUnassignedForADelayWhenThereIsOne() {
    Model delayed = new Model(12, 1, 6, 8, 1, 7, 5, 60, 0.02);
    Cluster c = new Cluster(delayed, Profile.IO_BOUND, 2, 2, 1);
    c.step(0, new double[12]);

    c.workers(1);
    for (long s = 1; s < 7; s++) {
      c.step(s, new double[12]);
    }
    assertThat(c.runningTasks()).isEqualTo(1);

    c.step(7, new double[12]);
    c.step(8, new double[12]);
    assertThat(c.runningTasks()).isEqualTo(2);
    // the leave, then the reassignment
    assertThat(c.tally().rebalances).isEqualTo(2);
  }

  @Test
  void shouldJoinWorkersLaunchedTogetherInOneRebalanceEach() {
    Cluster c = new Cluster(model, Profile.IO_BOUND, 2, 1, 1);
    run(c, 1);

    c.workers(3);
    run(c, model.workerStart());

    assertThat(c.workersJoined()).isEqualTo(3);
    assertThat(c.tally().rebalances).isEqualTo(2);
  }

  @Test
  void shouldCommitOnlyEveryFlushInterval() {
    Cluster c = new Cluster(model, Profile.IO_BOUND, 1, 1, 1);
    c.step(second++, everywhere(12_000));
    long committed = 0;
    int moves = 0;
    for (int i = 0; i < 20; i++) {
      run(c, 1);
      long now = c.endOffset(0) - c.committed(0);
      moves += now != committed ? 1 : 0;
      committed = now;
    }
    // twenty seconds of draining, committed four or five times, never in between
    assertThat(moves).isBetween(3, 5);
    assertThat(c.lag()).isGreaterThan(Math.round(c.backlog()));
  }
}
