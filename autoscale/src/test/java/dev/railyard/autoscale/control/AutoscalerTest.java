package dev.railyard.autoscale.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.autoscale.actuate.TaskActuator;
import dev.railyard.autoscale.collect.Collector;
import dev.railyard.autoscale.collect.ConnectorState;
import dev.railyard.autoscale.collect.ConnectorState.TaskState;
import dev.railyard.autoscale.collect.FakeWorkers;
import dev.railyard.autoscale.collect.WorkerMetrics;
import dev.railyard.autoscale.control.Autoscaler.Entry;
import dev.railyard.autoscale.policy.AutoscaleConfig;
import dev.railyard.autoscale.policy.ConnectorLoad.Kind;
import dev.railyard.autoscale.policy.Decision.Cause;
import dev.railyard.autoscale.policy.PolicySettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.GroupsMockAdmin;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AutoscalerTest {

  private final GroupsMockAdmin admin = new GroupsMockAdmin();
  private final FakeWorkers.TestClock clock =
      new FakeWorkers.TestClock(Instant.parse("2026-12-02T10:00:00Z"));
  private final FakeWorkers workers = new FakeWorkers(1, 0, 3);
  private final Map<String, Integer> tasks = new HashMap<>();
  private final List<String> taskRequests = new ArrayList<>();
  private final List<Entry> seen = new ArrayList<>();
  private volatile boolean connectDown;

  private final TaskActuator actuator =
      (connector, n) -> {
        taskRequests.add(connector + "=" + n);
        if (!tasks.containsKey(connector)) {
          return CompletableFuture.failedFuture(new TaskActuator.NoSuchConnector(connector));
        }
        tasks.put(connector, n);
        return CompletableFuture.completedFuture(null);
      };

  private Autoscaler autoscaler(Map<String, String> props) {
    return autoscaler(props, actuator);
  }

  private Autoscaler autoscaler(Map<String, String> props, TaskActuator actuator) {
    Collector collector =
        new Collector(
            admin,
            () -> {
              if (connectDown) {
                throw new java.io.IOException("Connection refused");
              }
              List<ConnectorState> list = new ArrayList<>();
              tasks.forEach(
                  (name, n) -> {
                    List<TaskState> states = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                      states.add(new TaskState(i, "RUNNING", "w1"));
                    }
                    list.add(
                        new ConnectorState(
                            name,
                            Kind.SINK,
                            Map.of("topics", "orders", "tasks.max", String.valueOf(n)),
                            "RUNNING",
                            states));
                  });
              return list;
            },
            WorkerMetrics.NONE,
            workers,
            clock,
            2);
    PolicySettings settings = new AutoscaleConfig(props, 1, 3).settings();
    return new Autoscaler(collector, workers, actuator, settings, clock, seen::add);
  }

  @AfterEach
  void close() {
    admin.close();
  }

  private void burst() {
    burst(1);
  }

  /** 6,000 records behind billing, at {@code n} tasks. */
  private void burst(int n) {
    tasks.put("billing", n);
    admin.topic("orders", 2000, 2000, 2000);
    for (int p = 0; p < 3; p++) {
      admin.commit("connect-billing", new TopicPartition("orders", p), 0);
    }
  }

  @Test
  void shouldRaiseTasksThenWorkersOnABurstOneChangeAStepAndRecordWhy() throws Exception {
    burst();
    Autoscaler scaler = autoscaler(Map.of());

    // the first step raises the tasks; the worker waits for its turn, a second later
    scaler.step();
    assertThat(tasks).containsEntry("billing", 3);
    assertThat(workers.requests).isEmpty();
    assertThat(scaler.nextStepIn()).isEqualTo(Autoscaler.FOLLOW_UP);

    clock.advance(Autoscaler.FOLLOW_UP);
    scaler.step();
    assertThat(workers.requests).containsExactly(2);
    assertThat(scaler.nextStepIn()).isEqualTo(Duration.ofSeconds(5));
    assertThat(scaler.timeline(null))
        .extracting(Entry::target, Entry::from, Entry::to, Entry::cause, Entry::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("billing", 1, 3, Cause.UNMEASURED, "applied"),
            org.assertj.core.groups.Tuple.tuple("workers", 1, 1, Cause.QUEUED, "queued"),
            org.assertj.core.groups.Tuple.tuple("billing", 3, 3, Cause.HOLD, "held"),
            org.assertj.core.groups.Tuple.tuple("workers", 1, 2, Cause.DEMAND_UP, "applied"));
    assertThat(scaler.timeline(null).get(1).reason())
        .contains("workers stay 1 (2 next; one change at a time, billing's tasks 1 → 3 first)");
    assertThat(scaler.decision()).isPresent();
    assertThat(seen).hasSize(4);
  }

  @Test
  void shouldDecideButChangeNothingWhenDisabled() throws Exception {
    burst();
    Autoscaler scaler = autoscaler(Map.of("autoscale.enabled", "false"));

    scaler.step();
    clock.advance(Duration.ofSeconds(5));
    scaler.step();

    assertThat(tasks).containsEntry("billing", 1);
    assertThat(workers.requests).isEmpty();
    assertThat(scaler.timeline(null))
        .extracting(Entry::target, Entry::outcome)
        .contains(
            org.assertj.core.groups.Tuple.tuple("billing", "not applied: autoscale.enabled=false"))
        .doesNotContain(org.assertj.core.groups.Tuple.tuple("billing", "applied"));

    // and a worker change alike
    tasks.put("billing", 3);
    Autoscaler other = autoscaler(Map.of("autoscale.enabled", "false"));
    other.step();
    assertThat(workers.requests).isEmpty();
    assertThat(other.timeline(null))
        .extracting(Entry::target, Entry::outcome)
        .contains(
            org.assertj.core.groups.Tuple.tuple("workers", "not applied: autoscale.enabled=false"));
  }

  @Test
  void shouldRetryAFailedWorkerChangeWithBackoffAndSayWhy() throws Exception {
    burst(3);
    workers.next =
        CompletableFuture.failedFuture(new IllegalStateException("worker-2 did not start"));
    Autoscaler scaler = autoscaler(Map.of());

    scaler.step();
    assertThat(scaler.workerFailure()).hasValue("worker-2 did not start");
    workers.desired = 1; // the pool fell back
    clock.advance(Duration.ofSeconds(5));
    scaler.step();
    assertThat(workers.requests).containsExactly(2);
    assertThat(scaler.timeline(null).get(scaler.timeline(null).size() - 1).outcome())
        .startsWith("not applied: retrying after 10 s");

    workers.next = CompletableFuture.completedFuture(null);
    clock.advance(Duration.ofSeconds(6));
    scaler.step();
    assertThat(workers.requests).containsExactly(2, 2);
    assertThat(scaler.workerFailure()).isEmpty();
  }

  @Test
  void shouldHoldWhenConnectCannotBeRead() throws Exception {
    burst();
    connectDown = true;
    Autoscaler scaler = autoscaler(Map.of());

    scaler.step();

    assertThat(taskRequests).isEmpty();
    assertThat(workers.requests).isEmpty();
    assertThat(scaler.timeline(null))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.cause()).isEqualTo(Cause.HOLD);
              assertThat(e.reason()).contains("Kafka Connect did not answer: Connection refused");
            });
  }

  @Test
  void shouldSkipAConnectorDeletedBetweenReadingAndActing() throws Exception {
    burst();
    TaskActuator deleted =
        (connector, n) ->
            CompletableFuture.failedFuture(new TaskActuator.NoSuchConnector(connector));
    Autoscaler scaler = autoscaler(Map.of(), deleted);

    scaler.step();

    assertThat(scaler.timeline(null).get(0).outcome())
        .isEqualTo("skipped: the connector was deleted");
  }
}
