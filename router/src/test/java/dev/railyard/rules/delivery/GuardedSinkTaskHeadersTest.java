package dev.railyard.rules.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** The rule and target headers the guard gives the hosted sink's records (issue 13). */
class GuardedSinkTaskHeadersTest {

  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

  private final String id = UUID.randomUUID().toString();
  private final TestClock clock = new TestClock(T0);
  private final TestContext context = new TestContext();
  private final MemoryLetterBox letterBox = new MemoryLetterBox();

  @Test
  void shouldGiveTheHostedSinkTheRuleAndTargetHeadersOfItsConfig() {
    // given delivery records as the router writes them: the event id header only
    GuardedSinkTask task = start(Map.of());
    List<SinkRecord> batch = List.of(withId("a", 0), withId("b", 1));

    // when they are delivered
    task.put(batch);

    // then the hosted sink sees the rule and target named by the guard's config, after the id
    assertThat(FlakySink.HEADERS.get(id))
        .containsExactly(
            List.of("railyard.event.id=id-a", "railyard.rule=orders", "railyard.target=webhook"),
            List.of("railyard.event.id=id-b", "railyard.rule=orders", "railyard.target=webhook"));
  }

  @Test
  void shouldKeepTheHeadersOfARecordAnOlderRouterWroteWithoutAddingSecondOnes() {
    // given a record written with the headers (an older router, a replay or a redrive)
    GuardedSinkTask task = start(Map.of());
    SinkRecord old = withId("a", 0);
    old.headers().addString("railyard.rule", "orders").addString("railyard.target", "webhook");

    // when it is delivered
    task.put(List.of(old));

    // then it has each header once
    assertThat(FlakySink.HEADERS.get(id))
        .containsExactly(
            List.of("railyard.event.id=id-a", "railyard.rule=orders", "railyard.target=webhook"));
  }

  @Test
  void shouldAddTheHeadersOnceWhenConnectHandsARetriedBatchOverAgain() {
    // given a batch whose second record fails once, so Connect hands the same records over again
    GuardedSinkTask task = start(Map.of("flaky.fail", "b", "flaky.fail.times", "2"));
    List<SinkRecord> batch = List.of(withId("a", 0), withId("b", 1));
    assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class);
    clock.advance(Duration.ofSeconds(10));

    // when it is retried
    task.put(batch);

    // then every record the sink got carries the rule and target headers once
    assertThat(FlakySink.DELIVERED.get(id)).containsExactly("a", "b");
    assertThat(batch)
        .allSatisfy(
            r -> {
              assertThat(r.headers().allWithName("railyard.rule")).toIterable().hasSize(1);
              assertThat(r.headers().allWithName("railyard.target")).toIterable().hasSize(1);
            });
  }

  @Test
  void shouldDeadLetterWithTheRuleAndTargetOfItsConfig() {
    // given a record the sink can never take, written without rule or target headers
    GuardedSinkTask task = start(Map.of("flaky.bad", "a"));

    // when it is delivered
    task.put(List.of(withId("a", 0)));

    // then its letter says the rule and target
    assertThat(letterBox.letters)
        .singleElement()
        .satisfies(
            l ->
                assertThat(l.headers())
                    .containsEntry("railyard.rule", "orders")
                    .containsEntry("railyard.target", "webhook"));
  }

  private GuardedSinkTask start(Map<String, String> extra) {
    GuardedSinkTask task = new GuardedSinkTask(clock, new Random(7), c -> letterBox, c -> null);
    task.initialize(context);
    task.start(GuardedSinkTaskTest.props(id, extra));
    return task;
  }

  private static SinkRecord withId(String value, long offset) {
    SinkRecord r = GuardedSinkTaskTest.record(value, offset, T0);
    r.headers().addString("railyard.event.id", "id-" + value);
    return r;
  }
}
