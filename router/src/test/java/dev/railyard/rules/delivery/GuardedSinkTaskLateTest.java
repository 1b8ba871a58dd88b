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
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/**
 * The guard around a sink that keeps records past put ({@link LingeringSink}) and gives some up
 * later: retried or dead-lettered with exactly those records, in order, their offsets uncommitted.
 */
class GuardedSinkTaskLateTest {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private static final TopicPartition TP = new TopicPartition("railyard.to.orders.webhook", 0);

  private final String id = UUID.randomUUID().toString();
  private final TestClock clock = new TestClock(T0);
  private final TestContext context = new TestContext();
  private final MemoryLetterBox letterBox = new MemoryLetterBox();
  private final MemoryParkingLot lot = new MemoryParkingLot();

  @Test
  void shouldRetryWhatTheSinkGaveUpBeforeLaterRecordsAndCommitNoneOfItMeanwhile() {
    // given b fails when the sink sends it after put returned, and once more on its own
    GuardedSinkTask task = start(Map.of("flaky.fail", "b", "flaky.fail.times", "2"), true);
    task.put(batch(0, "a", "b", "c"));

    // when Connect commits, the sink delivers a and gives up b and c
    Map<TopicPartition, OffsetAndMetadata> committed = task.preCommit(offsets(3));

    // then the offset stays at b, and at the next put b is tried alone before the new record d
    assertThat(committed).isEqualTo(offsets(1));
    assertThat(delivered()).containsExactly("a");
    List<SinkRecord> next = batch(3, "d");
    assertThatThrownBy(() -> task.put(next)).isInstanceOf(RetriableException.class);
    assertThat(delivered()).as("nothing after b before b is settled").containsExactly("a");
    assertThat(task.preCommit(offsets(3))).isEqualTo(offsets(1));

    // and once its backoff is over, b, c and then d are delivered, each once, in order
    clock.advance(Duration.ofMillis(context.timeout));
    task.put(next);
    assertThat(task.preCommit(offsets(4))).isEqualTo(offsets(4));
    assertThat(delivered()).containsExactly("a", "b", "c", "d");
    assertThat(letterBox.letters).isEmpty();
  }

  @Test
  void shouldDeadLetterALateRecordTheSinkRefusesAndDeliverTheRest() {
    // given the sink refuses b for its shape when it sends it
    GuardedSinkTask task = start(Map.of("flaky.bad", "b"), true);
    task.put(batch(0, "a", "b", "c"));
    task.preCommit(offsets(3));

    // when the next put comes
    task.put(List.of());

    // then b went to the dead letters after its one attempt alone, c was delivered
    assertThat(letterBox.letters)
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.value()).isEqualTo("b");
              assertThat(l.headers()).containsEntry("railyard.error.message", "cannot take b");
            });
    assertThat(delivered()).containsExactly("a", "c");
    assertThat(task.preCommit(offsets(3))).isEqualTo(offsets(3));
  }

  @Test
  void shouldSettleWhatTheSinkHoldsBeforeTryingARefusedBatchOneByOne() {
    // given a and b held by the sink (a to fail once when sent), and a batch it refuses for x
    GuardedSinkTask task =
        start(Map.of("lingering.refuse", "x", "flaky.fail", "a", "flaky.fail.times", "1"), true);
    task.put(batch(0, "a", "b"));

    // when
    task.put(batch(2, "c", "x", "d"));

    // then the held records were flushed and settled first (a failing there, not as c's attempt,
    // so nothing waited), then c and d went one by one, and x to the dead letters
    assertThat(context.timeout).as("a backoff asked for").isEqualTo(-1);
    assertThat(delivered()).containsExactly("a", "b", "c", "d");
    assertThat(letterBox.letters)
        .singleElement()
        .satisfies(l -> assertThat(l.value()).isEqualTo("x"));
    assertThat(task.preCommit(offsets(5))).isEqualTo(offsets(5));
  }

  @Test
  void shouldLeaveTheLateRecordsOfARevokedPartitionToItsNextOwner() {
    GuardedSinkTask task = start(Map.of("flaky.fail", "b"), true);
    task.put(batch(0, "a", "b"));
    task.preCommit(offsets(2));

    task.close(Set.of(TP));
    task.put(List.of());

    assertThat(delivered()).containsExactly("a");
    assertThat(letterBox.letters).isEmpty();
  }

  @Test
  void shouldParkALateRecordWhenTheTargetDoesNotKeepOrder() {
    // given a target that parks failures, and b failing twice
    GuardedSinkTask task = start(Map.of("flaky.fail", "b", "flaky.fail.times", "2"), false);
    task.put(batch(0, "a", "b", "c"));
    task.preCommit(offsets(3));

    // when the next put comes
    task.put(List.of());

    // then b waits in the retry topic and c went on
    assertThat(delivered()).containsExactly("a", "c");
    assertThat(lot.waiting())
        .singleElement()
        .satisfies(p -> assertThat(p.record().value()).isEqualTo("b"));
    assertThat(task.preCommit(offsets(3))).isEqualTo(offsets(3));
  }

  private GuardedSinkTask start(Map<String, String> extra, boolean inOrder) {
    GuardedSinkTask task = new GuardedSinkTask(clock, new Random(7), c -> letterBox, c -> lot);
    task.initialize(context);
    Map<String, String> props = new HashMap<>(extra);
    props.put(GuardedSinkConfig.DELEGATE_CLASS_CONFIG, LingeringSink.class.getName());
    props.put(
        GuardedSinkConfig.DELEGATE_TASK_CLASS_CONFIG, LingeringSink.LingeringTask.class.getName());
    if (!inOrder) {
      props.put(GuardedSinkConfig.IN_ORDER_CONFIG, "false");
      props.put(GuardedSinkConfig.RETRY_TOPIC_CONFIG, "railyard.retry.orders.webhook");
    }
    task.start(GuardedSinkTaskTest.props(id, props));
    return task;
  }

  private List<String> delivered() {
    return FlakySink.DELIVERED.get(id);
  }

  private static List<SinkRecord> batch(long first, String... values) {
    List<SinkRecord> records = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      records.add(GuardedSinkTaskTest.record(values[i], first + i, T0));
    }
    return records;
  }

  private static Map<TopicPartition, OffsetAndMetadata> offsets(long offset) {
    return Map.of(TP, new OffsetAndMetadata(offset));
  }
}
