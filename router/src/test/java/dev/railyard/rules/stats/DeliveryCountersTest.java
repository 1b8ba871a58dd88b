package dev.railyard.rules.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class DeliveryCountersTest {

  @Test
  void shouldCountPerRuleAndPerTarget() {
    // given
    DeliveryCounters counters = new DeliveryCounters();

    // when
    counters.matched("paid");
    counters.matched("paid");
    counters.matched("created");
    counters.transformError("paid", "billing");
    counters.failed("paid", "billing");
    counters.failed("paid", "billing");
    counters.failed("paid", "audit");

    // then
    StatsSnapshot snapshot = counters.snapshot();
    assertThat(snapshot.matched("paid")).isEqualTo(2);
    assertThat(snapshot.matched("created")).isEqualTo(1);
    assertThat(snapshot.transformErrors("paid", "billing")).isEqualTo(1);
    assertThat(snapshot.failed("paid", "billing")).isEqualTo(2);
    assertThat(snapshot.failed("paid", "audit")).isEqualTo(1);
    assertThat(snapshot.transformErrors("paid", "audit")).isZero();
    assertThat(snapshot.rules().get("created").targets()).isEmpty();
  }

  @Test
  void shouldAnswerZeroForWhatWasNeverCounted() {
    StatsSnapshot snapshot = new DeliveryCounters().snapshot();

    assertThat(snapshot).isEqualTo(StatsSnapshot.EMPTY);
    assertThat(snapshot.matched("nope")).isZero();
    assertThat(snapshot.failed("nope", "t")).isZero();
  }

  @Test
  void shouldLoseNoCountWhenManyThreadsCountAtOnce() throws Exception {
    // given
    DeliveryCounters counters = new DeliveryCounters();
    ExecutorService pool = Executors.newFixedThreadPool(8);

    // when 8 threads count 10,000 times each, on rules and targets they create as they go
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      done.add(
          pool.submit(
              () -> {
                for (int i = 0; i < 10_000; i++) {
                  counters.matched("r" + i % 10);
                  counters.transformError("r" + i % 10, "t" + i % 3);
                  counters.failed("r" + i % 10, "t" + i % 3);
                }
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();

    // then
    StatsSnapshot snapshot = counters.snapshot();
    assertThat(snapshot.rules()).hasSize(10);
    assertThat(
            snapshot.rules().values().stream().mapToLong(StatsSnapshot.RuleCounts::matched).sum())
        .isEqualTo(80_000);
    long failed = 0;
    for (Map.Entry<String, StatsSnapshot.RuleCounts> r : snapshot.rules().entrySet()) {
      for (String target : r.getValue().targets().keySet()) {
        failed += snapshot.failed(r.getKey(), target);
        assertThat(snapshot.failed(r.getKey(), target))
            .isEqualTo(snapshot.transformErrors(r.getKey(), target));
      }
    }
    assertThat(failed).isEqualTo(80_000);
  }
}
