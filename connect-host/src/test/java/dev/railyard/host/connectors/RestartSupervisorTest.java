package dev.railyard.host.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.railyard.api.platform.answers.ConnectorView;
import dev.railyard.host.testing.FakeConnect;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The restart supervisor against an in-memory Connect, on a clock the test moves. */
class RestartSupervisorTest {

  private static final String TASK_RESTART = "POST /connectors/billing/tasks/0/restart";

  private final MovingClock clock = new MovingClock();
  private FakeConnect connect;
  private RestartSupervisor supervisor;

  @BeforeEach
  void start() throws Exception {
    connect = new FakeConnect();
    supervisor = new RestartSupervisor(connect.rest(), clock);
    connect.connectors.put("billing", new HashMap<>(Map.of("connector.class", "FileStreamSink")));
  }

  @AfterEach
  void stop() {
    supervisor.close();
    connect.close();
  }

  private void check() throws Exception {
    supervisor.check().get();
  }

  private long restarts(String request) {
    return connect.requests.stream().filter(request::equals).count();
  }

  // the supervisor sends a restart without waiting for Connect's answer
  private void awaitRestarts(String request, long count) {
    await(count + " × " + request)
        .atMost(Duration.ofSeconds(10))
        .until(() -> restarts(request) >= count);
    assertThat(restarts(request)).isEqualTo(count);
  }

  @Test
  void shouldRestartAFailedTaskAfterItsBackoffAndWaitLongerEachTime() throws Exception {
    // given a task that failed
    connect.states.put("billing", Map.of("connector", "RUNNING", "task-0", "FAILED"));

    // when it is seen failed: the first restart waits for the initial backoff (1 s)
    check();
    assertThat(restarts(TASK_RESTART)).isZero();
    clock.advance(Duration.ofMillis(1000));
    check();
    awaitRestarts(TASK_RESTART, 1);

    // then it fails again: the next restart waits twice as long
    clock.advance(Duration.ofMillis(1000));
    check();
    assertThat(restarts(TASK_RESTART)).isEqualTo(1);
    clock.advance(Duration.ofMillis(2000));
    check();
    awaitRestarts(TASK_RESTART, 2);
    ConnectorView.AutoRestart task = supervisor.describe("billing").get("task-0");
    assertThat(task.attempts()).isEqualTo(2);
    assertThat(task.backoffsMs()).isEqualTo(List.of(1000L, 2000L));
  }

  @Test
  void shouldRestartAFailedConnectorItself() throws Exception {
    connect.states.put("billing", Map.of("connector", "FAILED"));

    check();
    clock.advance(Duration.ofSeconds(1));
    check();

    awaitRestarts("POST /connectors/billing/restart", 1);
  }

  @Test
  void shouldLeaveAloneAConnectorThatOptedOut() throws Exception {
    connect.connectors.get("billing").put("railyard.restart.enabled", "false");
    connect.states.put("billing", Map.of("connector", "RUNNING", "task-0", "FAILED"));

    check();
    clock.advance(Duration.ofMinutes(10));
    check();

    assertThat(restarts(TASK_RESTART)).isZero();
    assertThat(supervisor.describe("billing")).isEmpty();
  }

  @Test
  void shouldForgetAUnitThatRanAgainForAMinuteAndAConnectorThatWasDeleted() throws Exception {
    connect.states.put("billing", Map.of("connector", "RUNNING", "task-0", "FAILED"));
    check();
    clock.advance(Duration.ofSeconds(1));
    check();
    assertThat(supervisor.describe("billing")).containsKey("task-0");

    // running again: kept for a minute (it may fail again), then forgotten
    connect.states.put("billing", Map.of("connector", "RUNNING", "task-0", "RUNNING"));
    check();
    assertThat(supervisor.describe("billing")).containsKey("task-0");
    clock.advance(RestartSupervisor.STABLE_AFTER);
    check();
    assertThat(supervisor.describe("billing")).doesNotContainKey("task-0");

    // a connector deleted while failed is forgotten too
    connect.states.put("billing", Map.of("connector", "FAILED"));
    check();
    assertThat(supervisor.describe("billing")).isNotEmpty();
    connect.connectors.remove("billing");
    check();
    assertThat(supervisor.describe("billing")).isEmpty();
  }

  /** A clock the test moves. */
  private static final class MovingClock extends Clock {
    private volatile Instant now = Instant.parse("2026-12-02T10:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
