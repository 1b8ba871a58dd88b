package dev.railyard.autoscale.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.railyard.autoscale.collect.ConnectorState.TaskState;
import dev.railyard.autoscale.policy.ClusterSnapshot;
import dev.railyard.autoscale.policy.ConnectorLoad;
import dev.railyard.autoscale.policy.ConnectorLoad.Kind;
import dev.railyard.autoscale.policy.PolicySettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.GroupsMockAdmin;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CollectorTest {

  private final GroupsMockAdmin admin = new GroupsMockAdmin();
  private final FakeWorkers.TestClock clock =
      new FakeWorkers.TestClock(Instant.parse("2026-12-02T10:00:00Z"));
  private final FakeWorkers workers = new FakeWorkers(1, 0, 3);
  private final List<ConnectorState> connectors = new ArrayList<>();
  private final AtomicLong cpu = new AtomicLong();
  private volatile Exception connectDown;
  private final Collector collector =
      new Collector(
          admin,
          () -> {
            if (connectDown != null) {
              throw connectDown;
            }
            return List.copyOf(connectors);
          },
          () -> List.of(new WorkerMetrics.Sample("worker-1", cpu.get(), 1 << 28)),
          workers,
          clock,
          2);
  private final PolicySettings settings = PolicySettings.defaults(1, 3);

  @AfterEach
  void close() {
    admin.close();
  }

  private static ConnectorState sink(String name, String topics, int tasks, int running) {
    List<TaskState> states = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      states.add(new TaskState(i, i < running ? "RUNNING" : "UNASSIGNED", "127.0.0.1:8083"));
    }
    return new ConnectorState(
        name,
        Kind.SINK,
        Map.of("topics", topics, "tasks.max", String.valueOf(tasks)),
        "RUNNING",
        states);
  }

  private ConnectorLoad collect(String name) throws Exception {
    ClusterSnapshot s = collector.collect(settings);
    return s.connectors().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  private void commit(String group, String topic, long... offsets) {
    for (int p = 0; p < offsets.length; p++) {
      admin.commit(group, new TopicPartition(topic, p), offsets[p]);
    }
  }

  @Test
  void shouldMeasureArrivalsDrainAndThePerTaskRateWhileBacklogged() throws Exception {
    // given a burst of 2,000 records on one partition, one task draining 20 a second
    connectors.add(sink("billing", "orders", 1, 1));
    admin.topic("orders", 2000);
    commit("connect-billing", "orders", 0);
    ConnectorLoad first = collect("billing");
    assertThat(first.lag()).isEqualTo(2000);
    assertThat(first.arrivalRate()).isEmpty();
    assertThat(first.taskRate()).isEmpty();

    // when it commits every 5 s and 50 records a second keep arriving
    long end = 2000;
    ConnectorLoad load = first;
    for (int i = 1; i <= 2; i++) {
      clock.advance(Duration.ofSeconds(5));
      end += 250;
      admin.ends("orders", end);
      commit("connect-billing", "orders", 100L * i);
      load = collect("billing");
    }

    // then
    assertThat(load.arrivalRate().getAsDouble()).isCloseTo(50, within(0.01));
    assertThat(load.drainRate().getAsDouble()).isCloseTo(20, within(0.01));
    assertThat(load.taskRate().getAsDouble()).isCloseTo(20, within(0.01));
    assertThat(load.lag()).isEqualTo(2500 - 200);
    assertThat(load.partitions()).isEqualTo(1);
  }

  @Test
  void shouldNotTakeARateAcrossAWorkerJoiningOrLeaving() throws Exception {
    // given a backlogged task, and a worker joining after the first read (a rebalance between)
    connectors.add(sink("billing", "orders", 1, 1));
    admin.topic("orders", 2000);
    commit("connect-billing", "orders", 0);
    collect("billing");
    workers.current = 2;
    workers.desired = 2;

    // when ten seconds of draining follow
    ConnectorLoad load = null;
    for (int i = 1; i <= 2; i++) {
      clock.advance(Duration.ofSeconds(5));
      commit("connect-billing", "orders", 100L * i);
      load = collect("billing");
    }

    // then the rate waits for ten seconds on the same workers
    assertThat(load.taskRate()).isEmpty();
    clock.advance(Duration.ofSeconds(5));
    commit("connect-billing", "orders", 300);
    assertThat(collect("billing").taskRate().getAsDouble()).isCloseTo(20, within(0.01));
  }

  @Test
  void shouldNotTakeARateFromLessThanTenSecondsOfBacklog() throws Exception {
    connectors.add(sink("billing", "orders", 1, 1));
    admin.topic("orders", 2000);
    collect("billing");
    clock.advance(Duration.ofSeconds(5));
    commit("connect-billing", "orders", 100);

    assertThat(collect("billing").taskRate()).isEmpty();
  }

  @Test
  void shouldGiveTheLagInSecondsOfArrival() throws Exception {
    // records arrive over 30 s; the group has read those of the first 10 s
    connectors.add(sink("billing", "orders", 1, 1));
    admin.topic("orders", 0);
    commit("connect-billing", "orders", 0);
    for (int s = 0; s <= 30; s += 5) {
      admin.ends("orders", 10L * s);
      if (s == 30) {
        commit("connect-billing", "orders", 100);
      }
      ConnectorLoad load = collect("billing");
      if (s == 30) {
        // offset 100 was first passed at 15 s (end 150), 15 s ago
        assertThat(load.lagSeconds()).isEqualTo(15.0);
      }
      clock.advance(Duration.ofSeconds(5));
    }
  }

  @Test
  void shouldTakeAPartitionWhoseCommitStandsStillAsStuck() throws Exception {
    connectors.add(sink("billing", "orders", 2, 2));
    admin.topic("orders", 500, 10);
    commit("connect-billing", "orders", 100, 0);
    ConnectorLoad load = collect("billing");
    assertThat(load.stuckLag()).isZero();

    // partition 0 never moves; partition 1 drains
    for (int s = 5; s <= 120; s += 5) {
      clock.advance(Duration.ofSeconds(5));
      admin.ends("orders", 500, 10 + s);
      commit("connect-billing", "orders", 100, 10 + s - 1);
      load = collect("billing");
    }

    assertThat(load.stuckPartitions()).isEqualTo(1);
    assertThat(load.stuckLag()).isEqualTo(400);
  }

  @Test
  void shouldReadAllGroupsInOneRequestHoweverManyConnectors() throws Exception {
    for (int i = 0; i < 20; i++) {
      connectors.add(sink("c" + i, "t" + i, 1, 1));
      admin.topic("t" + i, 10);
    }
    int before = admin.groupRequests();

    ClusterSnapshot s = collector.collect(settings);

    assertThat(s.connectors()).hasSize(20);
    assertThat(admin.groupRequests() - before).isEqualTo(1);
  }

  @Test
  void shouldSayWhatCouldNotBeReadNeverAZero() throws Exception {
    connectors.add(sink("billing", "orders", 1, 1));
    admin.topic("orders", 10);
    admin.unreadable("connect-billing");

    ConnectorLoad load = collect("billing");
    assertThat(load.problem()).isPresent();
    assertThat(load.problem().get()).contains("connect-billing");

    connectDown = new java.io.IOException("Connection refused");
    ClusterSnapshot down = collector.collect(settings);
    assertThat(down.problem()).hasValue("Kafka Connect did not answer: Connection refused");
    assertThat(down.workersRunning()).isEqualTo(1);
  }

  @Test
  void shouldLeaveSourcesOutOfTheOffsetsAndReadTopicsByRegex() throws Exception {
    connectors.add(
        new ConnectorState("cdc", Kind.SOURCE, Map.of("tasks.max", "1"), "RUNNING", List.of()));
    connectors.add(
        new ConnectorState(
            "all",
            Kind.SINK,
            Map.of("topics.regex", "orders\\..*", "tasks.max", "2"),
            "RUNNING",
            List.of()));
    admin.topic("orders.eu", 10, 10);
    admin.topic("orders.us", 10);
    admin.topic("payments", 99);

    ClusterSnapshot s = collector.collect(settings);

    assertThat(s.connectors().get(0).partitions()).isZero();
    assertThat(s.connectors().get(1).partitions()).isEqualTo(3);
    assertThat(s.connectors().get(1).lag()).isEqualTo(30);
  }

  @Test
  void shouldReadWorkerCpuAsAFractionOfTheProcessors() throws Exception {
    collector.collect(settings);
    clock.advance(Duration.ofSeconds(5));
    cpu.addAndGet(Duration.ofSeconds(5).toNanos()); // one core of two, busy the whole time

    ClusterSnapshot s = collector.collect(settings);
    assertThat(s.workerCpu().getAsDouble()).isCloseTo(0.5, within(1e-9));
    assertThat(s.workerLoads())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.name()).isEqualTo("worker-1");
              assertThat(w.cpu().getAsDouble()).isCloseTo(0.5, within(1e-9));
              assertThat(w.residentBytes()).isEqualTo(1 << 28);
            });
  }
}
