package dev.railyard.rules.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** The guard of a target whose retry policy does not keep order: failing records are parked. */
class GuardedSinkTaskParkingTest {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  private final String id = UUID.randomUUID().toString();
  private final TestClock clock = new TestClock(T0);
  private final TestContext context = new TestContext();
  private final MemoryParkingLot lot = new MemoryParkingLot();
  private final MemoryLetterBox letterBox = new MemoryLetterBox();
  private final List<MemoryLetterBox.Letter> letters = letterBox.letters;

  @Test
  void shouldParkAFailingRecordAndDeliverTheRecordsAfterItWithoutWaiting() {
    // given b fails in its batch and once on its own, then passes
    GuardedSinkTask task = start(Map.of("flaky.fail", "b", "flaky.fail.times", "2"));

    // when the batch is put
    task.put(batch("a", "b", "c"));

    // then the others are delivered at once and b waits, parked with its first failure
    assertThat(delivered()).containsExactly("a", "c");
    assertThat(lot.waiting())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.record().value()).isEqualTo("b");
              assertThat(p.record().kafkaOffset()).isEqualTo(1);
              assertThat(p.failure().attempts()).isEqualTo(1);
              assertThat(Duration.between(T0, p.failure().notBefore()).toMillis())
                  .isBetween(500L, 1000L);
            });

    // and b is tried again when it is due, with no batch of its own
    task.put(List.of());
    assertThat(delivered()).as("not before it is due").containsExactly("a", "c");
    clock.advance(Duration.ofSeconds(1));
    task.put(List.of());
    assertThat(delivered()).containsExactly("a", "c", "b");
    assertThat(lot.waiting()).isEmpty();
    assertThat(letters).isEmpty();
  }

  @Test
  void shouldDeadLetterAParkedRecordOnceItsRetriesAreSpent() {
    GuardedSinkTask task =
        start(Map.of("flaky.fail", "b", GuardedSinkConfig.MAX_ATTEMPTS_CONFIG, "2"));
    task.put(batch("a", "b"));

    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofSeconds(5));
      task.put(List.of());
    }

    assertThat(lot.waiting()).isEmpty();
    assertThat(letters)
        .singleElement()
        .satisfies(
            l ->
                assertThat(l.headers())
                    .containsEntry("railyard.attempts", "3")
                    .containsEntry("railyard.first.failure", T0.toString())
                    .containsEntry(
                        "railyard.last.failure", T0.plus(Duration.ofSeconds(10)).toString()));
    assertThat(task.counters().snapshot().failed("orders", "webhook")).isEqualTo(3);
  }

  @Test
  void shouldTryOneRecordPerBackoffWhileEveryRecordFails() {
    // given a target that refuses everything
    GuardedSinkTask task = start(Map.of("flaky.fail", "a,b,c,d,e,f"));
    List<SinkRecord> batch = batch("a", "b", "c", "d", "e", "f");

    // when three records in a row have failed, it asks Connect to wait
    assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class);
    assertThat(lot.waiting()).hasSize(3);
    int puts = FlakySink.PUT_SIZES.get(id).size();

    // then each redelivery after the wait tries one parked and one new record at most
    clock.advance(Duration.ofMillis(context.timeout));
    assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class);
    assertThat(FlakySink.PUT_SIZES.get(id).size() - puts).isBetween(1, 2);
    assertThat(delivered()).isEmpty();
  }

  @Test
  void shouldHandTheBatchBackWhenTheRetryTopicCannotTakeARecord() {
    GuardedSinkTask task = start(Map.of("flaky.fail", "b"));
    lot.down = true;
    assertThatThrownBy(() -> task.put(batch("a", "b", "c"))).isInstanceOf(RetriableException.class);

    lot.down = false;
    clock.advance(Duration.ofMillis(context.timeout));
    task.put(batch("a", "b", "c"));

    assertThat(delivered()).as("a is not sent twice").containsExactly("a", "c");
    assertThat(lot.waiting()).extracting(p -> p.record().value()).containsExactly("b");
  }

  @Test
  void shouldDeadLetterARecordOfTheWrongShapeWithoutParkingIt() {
    GuardedSinkTask task = start(Map.of("flaky.bad", "b"));

    task.put(batch("a", "b"));

    assertThat(lot.waiting()).isEmpty();
    assertThat(letters)
        .singleElement()
        .satisfies(l -> assertThat(l.headers()).containsKey("railyard.rule"));
  }

  @Test
  void shouldStillDeliverWhatWasParkedBeforeThePolicyWasMadeInOrder() {
    // given a record parked while the target did not keep order
    lot.park(
        GuardedSinkTaskTest.record("early", 4, T0),
        new Retries.Failure(1, T0, T0, T0.plusSeconds(1)),
        new java.io.IOException("refused"));

    // when the target now keeps order
    GuardedSinkTask task = start(Map.of(GuardedSinkConfig.IN_ORDER_CONFIG, "true"));
    clock.advance(Duration.ofSeconds(1));
    task.put(batch("a"));

    // then the parked record is delivered too
    assertThat(delivered()).containsExactly("early", "a");
    assertThat(lot.waiting()).isEmpty();
  }

  @Test
  void shouldRefuseAPolicyOutOfOrderWithoutARetryTopic() {
    Map<String, String> props =
        GuardedSinkTaskTest.props(id, Map.of(GuardedSinkConfig.IN_ORDER_CONFIG, "false"));

    assertThatThrownBy(() -> new GuardedSinkConfig(props).policy())
        .hasMessageContaining(GuardedSinkConfig.RETRY_TOPIC_CONFIG)
        .hasMessageContaining("a retry topic is needed");
  }

  private GuardedSinkTask start(Map<String, String> extra) {
    GuardedSinkTask task = new GuardedSinkTask(clock, new Random(7), c -> letterBox, c -> lot);
    task.initialize(context);
    Map<String, String> props = new HashMap<>(Map.of(GuardedSinkConfig.IN_ORDER_CONFIG, "false"));
    props.putAll(extra);
    props.put(GuardedSinkConfig.RETRY_TOPIC_CONFIG, "railyard.retry.orders.webhook");
    task.start(GuardedSinkTaskTest.props(id, props));
    return task;
  }

  private List<String> delivered() {
    return FlakySink.DELIVERED.get(id);
  }

  private static List<SinkRecord> batch(String... values) {
    List<SinkRecord> records = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      records.add(GuardedSinkTaskTest.record(values[i], i, T0));
    }
    return records;
  }
}
