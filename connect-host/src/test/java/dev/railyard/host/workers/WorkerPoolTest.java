package dev.railyard.host.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.railyard.api.platform.WorkerControl.WorkerInfo;
import dev.railyard.worker.WorkerMain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The worker pool driving workers in memory: scaling, restarts, configuration errors, rollouts. */
class WorkerPoolTest {

  private final List<FakeWorker> launched = new CopyOnWriteArrayList<>();
  private final Map<String, String> failNext = new ConcurrentHashMap<>();
  private final WorkerPool pool =
      new WorkerPool(
          name -> {
            String failure = failNext.remove(name);
            FakeWorker w = new FakeWorker(name, failure, failure == null ? "" : "bad option");
            launched.add(w);
            if (failure != null) {
              w.exit(WorkerMain.EXIT_INVALID_CONFIG);
            }
            return w;
          },
          Path.of("logs"),
          4);

  @AfterEach
  void close() {
    pool.close();
  }

  private List<String> names() {
    return pool.workers().stream().map(WorkerInfo::name).toList();
  }

  private FakeWorker latest(String name) {
    for (int i = launched.size() - 1; i >= 0; i--) {
      if (launched.get(i).name.equals(name)) {
        return launched.get(i);
      }
    }
    throw new AssertionError("no worker " + name);
  }

  @Test
  void shouldStartWorkersAndCountThemOnceReady() {
    WorkerPool.Launch launch = pool.launch(2);
    assertThat(pool.desiredWorkers()).isEqualTo(2);

    launch.awaitReady();

    assertThat(pool.currentWorkers()).isEqualTo(2);
    assertThat(names()).containsExactly("worker-1", "worker-2");
    assertThat(pool.workers()).allSatisfy(w -> assertThat(w.state()).isEqualTo("RUNNING"));
    assertThat(pool.connectRestUrl()).isPresent();
  }

  @Test
  void shouldScaleUpAndDownStoppingTheNewestGracefully() throws Exception {
    pool.launch(1).awaitReady();

    pool.scaleTo(3).toCompletableFuture().get();
    assertThat(names()).containsExactly("worker-1", "worker-2", "worker-3");
    assertThat(pool.desiredWorkers()).isEqualTo(3);

    pool.scaleTo(1).toCompletableFuture().get();
    assertThat(names()).containsExactly("worker-1");
    assertThat(latest("worker-3").stopped()).isTrue();
    assertThat(latest("worker-2").stopped()).isTrue();
    assertThat(latest("worker-1").stopped()).isFalse();
    assertThat(pool.currentWorkers()).isEqualTo(1);
  }

  @Test
  void shouldRefuseACountOutsideItsRange() {
    assertThatThrownBy(() -> pool.scaleTo(5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("between 0 and 4");
    assertThatThrownBy(() -> pool.scaleTo(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRestartAWorkerThatCrashedAfterItStarted() {
    pool.launch(1).awaitReady();
    FakeWorker first = latest("worker-1");

    first.exit(1);

    await("worker-1 restarted")
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> latest("worker-1") != first && pool.workers().get(0).state().equals("RUNNING"));
    assertThat(pool.workers().get(0).restarts()).isEqualTo(1);
    assertThat(pool.workers().get(0).lastError()).contains("exited with code 1");
  }

  @Test
  void shouldNotRestartAWorkerThatExitsOnAConfigurationErrorAndSayWhy() {
    failNext.put("worker-1", "Worker worker-1 exited with code 78 before it started");

    assertThatThrownBy(() -> pool.launch(1).awaitReady())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("code 78");

    await("worker-1 failed")
        .atMost(Duration.ofSeconds(10))
        .until(() -> pool.workers().get(0).state().equals("FAILED"));
    assertThat(pool.failures())
        .singleElement()
        .asString()
        .contains("worker-1")
        .contains("bad option");
    assertThat(launched).hasSize(1); // never launched again
    assertThat(pool.currentWorkers()).isZero();
  }

  @Test
  void shouldReplaceEveryWorkerOneAtATimeInARollingRestart() {
    pool.launch(2).awaitReady();
    List<FakeWorker> before = List.copyOf(launched);

    pool.rollingRestart("a plugin changed");

    await("the rollout done")
        .atMost(Duration.ofSeconds(10))
        .until(() -> pool.rollout().map(r -> r.state().equals("DONE")).orElse(false));
    assertThat(before).allSatisfy(w -> assertThat(w.stopped()).isTrue());
    assertThat(pool.workers())
        .hasSize(2)
        .allSatisfy(w -> assertThat(w.state()).isEqualTo("RUNNING"));
    assertThat(pool.rollout().get().replaced()).isEqualTo(2);
    assertThat(pool.rollout().get().reason()).isEqualTo("a plugin changed");
  }
}
