package dev.railyard.host.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.answers.AutoscaleStatus;
import dev.railyard.autoscale.actuate.WorkerActuator;
import dev.railyard.autoscale.collect.Collector;
import dev.railyard.autoscale.collect.WorkerMetrics;
import dev.railyard.autoscale.control.Autoscaler;
import dev.railyard.autoscale.policy.PolicySettings;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.admin.MockAdminClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AutoscaleServiceTest {

  private final MockAdminClient admin = MockAdminClient.create().numBrokers(1).build();
  private final WorkerActuator pool =
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
          return 0;
        }

        @Override
        public int maxWorkers() {
          return 8;
        }

        @Override
        public CompletionStage<?> scaleTo(int count) {
          return CompletableFuture.completedFuture(null);
        }
      };
  private final Autoscaler autoscaler =
      new Autoscaler(
          new Collector(admin, List::of, WorkerMetrics.NONE, pool, Clock.systemUTC(), 2),
          pool,
          (c, n) -> CompletableFuture.completedFuture(null),
          PolicySettings.defaults(1, 8),
          Clock.systemUTC(),
          e -> {});
  private final AutoscaleService service = new AutoscaleService(autoscaler, pool, 1, 8);

  @AfterEach
  void close() {
    autoscaler.close();
    admin.close();
  }

  private static Outcome.Refused<AutoscaleStatus> refused(Outcome<AutoscaleStatus> outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Refused.class);
    return (Outcome.Refused<AutoscaleStatus>) outcome;
  }

  private Outcome<AutoscaleStatus> update(Map<String, String> changes) throws Exception {
    return service.update(changes).toCompletableFuture().get();
  }

  @Test
  void shouldPutAValidChangeInForceKeepingTheRest() throws Exception {
    Outcome<AutoscaleStatus> ok =
        update(Map.of("autoscale.workers.max", "3", "autoscale.drain.target.seconds", "30"));

    assertThat(ok).isInstanceOf(Outcome.Ok.class);
    assertThat(autoscaler.settings().workersMax()).isEqualTo(3);
    assertThat(autoscaler.settings().drainTargetSeconds()).isEqualTo(30);
    assertThat(autoscaler.settings().scaleDownStabilization().toSeconds()).isEqualTo(120);
  }

  @Test
  void shouldRefuseABadChangeNamingTheKeyAndChangeNothing() throws Exception {
    PolicySettings before = autoscaler.settings();

    Outcome<AutoscaleStatus> aboveThePool =
        update(Map.of("autoscale.workers.max", "9", "autoscale.interval.ms", "1000"));
    Outcome<AutoscaleStatus> unknown = update(Map.of("autoscale.turbo", "on"));
    Outcome<AutoscaleStatus> minAboveMax =
        update(Map.of("autoscale.workers.min", "4", "autoscale.workers.max", "2"));

    assertThat(refused(aboveThePool).kind()).isEqualTo(Outcome.Kind.INVALID);
    assertThat(refused(aboveThePool).message())
        .contains("autoscale.workers.max")
        .contains("cannot exceed the most workers the platform can run (8)")
        .endsWith("; the policy in force is unchanged");
    assertThat(refused(aboveThePool).details()).containsEntry("key", "autoscale.workers.max");
    assertThat(refused(unknown).details()).containsEntry("key", "autoscale.turbo");
    assertThat(minAboveMax).isInstanceOf(Outcome.Refused.class);
    assertThat(autoscaler.settings()).isEqualTo(before);
  }

  @Test
  void shouldShowThePolicyAndWorkersBeforeTheFirstStep() throws Exception {
    AutoscaleStatus status = service.status().toCompletableFuture().get().body();

    assertThat(status.policy()).containsKey("autoscale.workers.max");
    assertThat(status.snapshot()).isEqualTo(new AutoscaleStatus.Snapshot(null, null));
    assertThat(status.connectors()).isEmpty();
    assertThat(status.workers().running()).isEqualTo(1);
    assertThat(status.workers().min()).isEqualTo(1);
    assertThat(status.workers().max()).isEqualTo(8);
    assertThat(status.workers().decided()).isNull();
  }
}
