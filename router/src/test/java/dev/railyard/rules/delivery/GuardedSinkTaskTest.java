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
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class GuardedSinkTaskTest {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  private final String id = UUID.randomUUID().toString();
  private final TestClock clock = new TestClock(T0);
  private final TestContext context = new TestContext();
  private final MemoryLetterBox letterBox = new MemoryLetterBox();
  private final List<MemoryLetterBox.Letter> letters = letterBox.letters;

  @Test
  void shouldHandAGoodBatchOverWhole() {
    GuardedSinkTask task = start(Map.of());

    task.put(batch("a", "b", "c"));

    assertThat(delivered()).containsExactly("a", "b", "c");
    assertThat(FlakySink.PUT_SIZES.get(id)).containsExactly(3);
  }

  @Test
  void shouldRetryAFailingRecordWithGrowingJitteredWaitsThenDeliverEachRecordOnce() {
    // given a record that fails in its batch and twice on its own, then passes
    GuardedSinkTask task =
        start(
            Map.of(
                "flaky.fail",
                "b",
                "flaky.fail.times",
                "3",
                GuardedSinkConfig.BACKOFF_INITIAL_CONFIG,
                "100",
                GuardedSinkConfig.BACKOFF_MAX_CONFIG,
                "1000"));
    List<SinkRecord> batch = batch("a", "b", "c");

    // when Connect redelivers after each wait the guard asks for
    assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class);
    long firstWait = context.timeout;
    clock.advance(Duration.ofMillis(firstWait));
    assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class);
    long secondWait = context.timeout;
    clock.advance(Duration.ofMillis(secondWait));
    task.put(batch);

    // then the waits follow the backoff and every record arrived once, in order
    assertThat(firstWait).isBetween(50L, 100L);
    assertThat(secondWait).isBetween(100L, 200L);
    assertThat(delivered()).containsExactly("a", "b", "c");
    assertThat(letters).isEmpty();
  }

  @Test
  void shouldWaitOutTheBackoffWhenConnectRedeliversEarly() {
    GuardedSinkTask task =
        start(Map.of("flaky.fail", "a", GuardedSinkConfig.BACKOFF_INITIAL_CONFIG, "1000"));
    assertThatThrownBy(() -> task.put(batch("a"))).isInstanceOf(RetriableException.class);
    int puts = FlakySink.PUT_SIZES.get(id).size();

    clock.advance(Duration.ofMillis(100));
    assertThatThrownBy(() -> task.put(batch("a"))).isInstanceOf(RetriableException.class);

    assertThat(FlakySink.PUT_SIZES.get(id)).as("no attempt before the wait is over").hasSize(puts);
    assertThat(context.timeout).isBetween(1L, 900L);
  }

  @Test
  void shouldDeadLetterARecordWhoseRetriesAreSpentWithWhyAndWhenWhileTheRestIsDelivered() {
    // given a record that always fails, and two retries allowed
    GuardedSinkTask task =
        start(
            Map.of(
                "flaky.fail",
                "b",
                GuardedSinkConfig.MAX_ATTEMPTS_CONFIG,
                "2",
                GuardedSinkConfig.BACKOFF_INITIAL_CONFIG,
                "100"));
    List<SinkRecord> batch = batch("a", "b", "c");

    // when the batch is redelivered until the retries are spent
    Instant firstFailure = clock.instant();
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class);
      clock.advance(Duration.ofMillis(context.timeout));
    }
    Instant lastFailure = clock.instant();
    task.put(batch);

    // then it is dead-lettered with the three attempts, and the others are delivered once
    assertThat(delivered()).containsExactly("a", "c");
    assertThat(task.counters().snapshot().failed("orders", "webhook")).isEqualTo(3);
    assertThat(letters)
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.value()).isEqualTo("b");
              assertThat(l.headers())
                  .containsEntry("railyard.rule", "orders")
                  .containsEntry("railyard.target", "webhook")
                  .containsEntry("railyard.error.stage", "delivery")
                  .containsEntry("railyard.error.class", "java.io.IOException")
                  .containsEntry("railyard.error.message", "refused b")
                  .containsEntry("railyard.attempts", "3")
                  .containsEntry("railyard.first.failure", firstFailure.toString())
                  .containsEntry("railyard.last.failure", lastFailure.toString());
            });

    // and the next batch goes through whole again
    task.put(batch("d"));
    assertThat(delivered()).containsExactly("a", "c", "d");
  }

  @Test
  void shouldDeadLetterARecordOfTheWrongShapeAtOnce() {
    GuardedSinkTask task = start(Map.of("flaky.bad", "b"));

    task.put(batch("a", "b"));

    assertThat(delivered()).containsExactly("a");
    assertThat(letters)
        .singleElement()
        .satisfies(
            l ->
                assertThat(l.headers())
                    .containsEntry("railyard.attempts", "1")
                    .containsEntry(
                        "railyard.error.class", "org.apache.kafka.connect.errors.DataException"));
  }

  @Test
  void shouldDeadLetterARecordThatGrewOlderThanItsMaxAge() {
    GuardedSinkTask task =
        start(Map.of("flaky.fail", "old", GuardedSinkConfig.MAX_AGE_CONFIG, "60000"));
    SinkRecord old = record("old", 0, T0.minus(Duration.ofMinutes(2)));

    task.put(List.of(old));

    assertThat(letters)
        .singleElement()
        .satisfies(l -> assertThat(l.headers()).containsEntry("railyard.attempts", "1"));
  }

  @Test
  void shouldDeadLetterOnTheFirstFailureWhenNoRetriesAreAllowed() {
    GuardedSinkTask task =
        start(Map.of("flaky.fail", "a", GuardedSinkConfig.MAX_ATTEMPTS_CONFIG, "0"));

    task.put(batch("a"));

    assertThat(letters).hasSize(1);
    assertThat(delivered()).isEmpty();
  }

  @Test
  void shouldForgetTheRetriesOfPartitionsTakenAway() {
    GuardedSinkTask task = start(Map.of("flaky.fail", "a", "flaky.fail.times", "2"));
    assertThatThrownBy(() -> task.put(batch("a", "b"))).isInstanceOf(RetriableException.class);

    task.close(Set.of(new TopicPartition("railyard.to.orders.webhook", 0)));
    task.put(batch("x"));

    assertThat(delivered()).containsExactly("x");
  }

  @Test
  void shouldRefuseABackoffWhoseCeilingIsBelowItsStart() {
    GuardedSinkTask task = new GuardedSinkTask(clock, new Random(1), c -> null, c -> null);
    task.initialize(context);
    Map<String, String> props =
        props(
            Map.of(
                GuardedSinkConfig.BACKOFF_INITIAL_CONFIG,
                "5000",
                GuardedSinkConfig.BACKOFF_MAX_CONFIG,
                "1000"));

    assertThatThrownBy(() -> task.start(props))
        .hasMessageContaining(GuardedSinkConfig.BACKOFF_MAX_CONFIG)
        .hasMessageContaining("maxBackoffMs must be between initialBackoffMs (5000)");
  }

  private GuardedSinkTask start(Map<String, String> extra) {
    GuardedSinkTask task = new GuardedSinkTask(clock, new Random(7), c -> letterBox, c -> null);
    task.initialize(context);
    task.start(props(extra));
    return task;
  }

  private Map<String, String> props(Map<String, String> extra) {
    return props(id, extra);
  }

  /** A guard around {@link FlakySink} for the target orders.webhook. */
  static Map<String, String> props(String id, Map<String, String> extra) {
    Map<String, String> props =
        new HashMap<>(
            Map.of(
                GuardedSinkConfig.DELEGATE_CLASS_CONFIG,
                FlakySink.class.getName(),
                GuardedSinkConfig.DELEGATE_TASK_CLASS_CONFIG,
                FlakySink.FlakyTask.class.getName(),
                GuardedSinkConfig.RULE_CONFIG,
                "orders",
                GuardedSinkConfig.TARGET_CONFIG,
                "webhook",
                GuardedSinkConfig.BOOTSTRAP_CONFIG,
                "unused:9092",
                GuardedSinkConfig.DEAD_LETTER_TOPIC_CONFIG,
                "railyard.dlq.orders.webhook",
                "flaky.id",
                id));
    props.putAll(extra);
    return props;
  }

  private List<String> delivered() {
    return FlakySink.DELIVERED.get(id);
  }

  private List<SinkRecord> batch(String... values) {
    List<SinkRecord> records = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      records.add(record(values[i], i, T0));
    }
    return records;
  }

  static SinkRecord record(String value, long offset, Instant timestamp) {
    return new SinkRecord(
        "railyard.to.orders.webhook",
        0,
        null,
        "k",
        null,
        value,
        offset,
        timestamp.toEpochMilli(),
        TimestampType.CREATE_TIME);
  }
}
