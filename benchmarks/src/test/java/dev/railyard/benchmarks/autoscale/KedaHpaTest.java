package dev.railyard.benchmarks.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KedaHpaTest {

  @ParameterizedTest(name = "lag {0}, threshold {1}, {2} replicas now → {3}")
  @CsvSource({
    // lag, lagThreshold, replicas now, wanted
    "55, 10, 1, 6", // ceil(55 / 10)
    "1000, 10, 1, 12", // capped at the 12 partitions
    "105, 10, 10, 10", // within the 0.1 tolerance
    "0, 10, 3, 0", // the HPA's minReplicas lifts it to 1 afterwards
  })
  void shouldWantCeilOfLagOverThresholdCappedAtThePartitions(
      long lag, long threshold, int current, int wanted) {
    long metric = KedaHpa.metric(lag, 12, threshold);

    assertThat(KedaHpa.replicas(metric, threshold, current)).isEqualTo(wanted);
  }

  @Test
  void shouldScaleUpByAtMostFourPodsOrDoublePerSyncAndDownOnlyAfterTheWindow() {
    // given a backlog 12 workers' worth at lagThreshold 10
    Model model = Model.calibrated();
    Cluster c = new Cluster(model, Profile.IO_BOUND, 12, 1, 1);
    KedaHpa keda = new KedaHpa(10);
    double[] burst = new double[12];
    Arrays.fill(burst, 100_000);
    c.step(0, burst);

    // when the first sync runs: 1 + 4 pods
    keda.tick(c);
    assertThat(c.workersLaunched()).isEqualTo(5);

    // then the next sync reaches the ceiling of 6
    double[] none = new double[12];
    for (int t = 1; t <= 15; t++) {
      c.step(t, none);
      keda.tick(c);
    }
    assertThat(c.workersLaunched()).isEqualTo(6);
  }
}
