package dev.railyard.host.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.autoscale.actuate.WorkerActuator;
import dev.railyard.autoscale.policy.Bounds;
import dev.railyard.autoscale.policy.ClusterSnapshot;
import dev.railyard.autoscale.policy.ConnectorLoad;
import dev.railyard.autoscale.policy.ConnectorLoad.Kind;
import dev.railyard.autoscale.policy.PolicyMemory;
import dev.railyard.autoscale.policy.PolicySettings;
import dev.railyard.autoscale.policy.ScalingPolicy;
import dev.railyard.autoscale.policy.SourceBacklog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class AutoscaleMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AutoscaleMetrics metrics =
      new AutoscaleMetrics(
          registry,
          new WorkerActuator() {
            @Override
            public int currentWorkers() {
              return 1;
            }

            @Override
            public int desiredWorkers() {
              return 1;
            }

            @Override
            public int minWorkers() {
              return 1;
            }

            @Override
            public int maxWorkers() {
              return 3;
            }

            @Override
            public CompletionStage<?> scaleTo(int count) {
              return CompletableFuture.completedFuture(null);
            }
          });

  private static ConnectorLoad logSource(String name, OptionalDouble drain) {
    SourceBacklog backlog =
        new SourceBacklog(
            48_000_000, 0, 3, 0, 0, 3, OptionalDouble.of(1_000), drain, OptionalDouble.empty());
    return new ConnectorLoad(
        name,
        Kind.SOURCE,
        "RUNNING",
        1,
        1,
        0,
        0,
        0,
        0,
        0,
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        Bounds.DEFAULT,
        Optional.empty(),
        Optional.of(backlog));
  }

  private void update(ConnectorLoad... loads) {
    ClusterSnapshot snapshot =
        new ClusterSnapshot(
            Instant.parse("2026-12-02T10:00:00Z"),
            List.of(loads),
            1,
            1,
            OptionalDouble.empty(),
            Optional.empty());
    metrics.update(
        snapshot.connectors(),
        ScalingPolicy.decide(snapshot, PolicySettings.defaults(1, 3), PolicyMemory.EMPTY));
  }

  private Double gauge(String name, String connector) {
    var g = registry.find(name).tag("connector", connector).gauge();
    return g == null ? null : g.value();
  }

  @Test
  void shouldShowASourcesBytesBehindAndRatesOnlyWhileItHasThem() {
    // given a log source with its drain rate measured and one without
    update(
        logSource("app-logs", OptionalDouble.of(200_000)),
        logSource("new-logs", OptionalDouble.empty()));

    // then
    assertThat(gauge("railyard.autoscale.source.bytes.behind", "app-logs")).isEqualTo(48e6);
    assertThat(gauge("railyard.autoscale.source.arrival.bytes.per.second", "app-logs"))
        .isEqualTo(1_000);
    assertThat(gauge("railyard.autoscale.source.drain.bytes.per.second", "app-logs"))
        .isEqualTo(200_000);
    assertThat(gauge("railyard.autoscale.source.bytes.behind", "new-logs")).isEqualTo(48e6);
    assertThat(gauge("railyard.autoscale.source.drain.bytes.per.second", "new-logs")).isNull();

    // when the next snapshot no longer has app-logs: its series go
    update(logSource("new-logs", OptionalDouble.empty()));
    assertThat(gauge("railyard.autoscale.source.bytes.behind", "app-logs")).isNull();
  }
}
