package dev.railyard.host.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.api.platform.Outcome;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RuleChangesTest {

  @Test
  void shouldRefuseAChangeBeyondTheQueueAtOnceAndRunTheOthersInOrder() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    StringBuffer order = new StringBuffer();
    try (RuleChanges changes = new RuleChanges(1)) {
      CompletableFuture<Outcome<Map<String, String>>> running =
          changes.run(
              () -> {
                started.countDown();
                release.await(10, TimeUnit.SECONDS);
                order.append("1");
                return Outcome.ok(Map.of());
              });
      started.await(10, TimeUnit.SECONDS);
      CompletableFuture<Outcome<Map<String, String>>> waiting =
          changes.run(
              () -> {
                order.append("2");
                return Outcome.ok(Map.of());
              });

      Outcome<Map<String, String>> refused =
          changes.run(() -> Outcome.ok(Map.<String, String>of())).get(1, TimeUnit.SECONDS);
      release.countDown();

      assertThat(refused)
          .isInstanceOfSatisfying(
              Outcome.Refused.class,
              r -> {
                assertThat(r.kind()).isEqualTo(Outcome.Kind.UNAVAILABLE);
                assertThat(r.message()).contains("rules.max.queued.changes");
              });
      assertThat(running.get(10, TimeUnit.SECONDS)).isInstanceOf(Outcome.Ok.class);
      assertThat(waiting.get(10, TimeUnit.SECONDS)).isInstanceOf(Outcome.Ok.class);
      assertThat(order).hasToString("12");
    }
  }
}
