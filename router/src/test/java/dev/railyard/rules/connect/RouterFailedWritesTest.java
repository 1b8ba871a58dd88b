package dev.railyard.rules.connect;

import static dev.railyard.rules.connect.RouterTasks.ALL;
import static dev.railyard.rules.connect.RouterTasks.PAID;
import static dev.railyard.rules.connect.RouterTasks.SHIPPED;
import static dev.railyard.rules.connect.RouterTasks.event;
import static dev.railyard.rules.connect.RouterTasks.manualProducer;
import static dev.railyard.rules.connect.RouterTasks.rule;
import static dev.railyard.rules.connect.RouterTasks.rules;
import static dev.railyard.rules.connect.RouterTasks.target;
import static dev.railyard.rules.connect.RouterTasks.tp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.railyard.rules.connect.RouterTasks.SeekRequests;
import dev.railyard.rules.stats.DeliveryCounters;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.Test;

/**
 * What a router task does when Kafka does not take a write: it lets no commit pass the write, goes
 * back to the first event since the last clean flush on the partitions it keeps, and fails when
 * retrying cannot help.
 */
class RouterFailedWritesTest {

  private final DeliveryCounters counters = new DeliveryCounters();

  @Test
  void shouldFailTheFlushRetriablyWhenARoutedEventIsNotWritten() {
    // given a producer whose writes fail, and an event put (put does not wait for the write)
    MockProducer<byte[], byte[]> failing = manualProducer();
    RouterSinkTask task = routingAll(failing);
    task.put(List.of(event(SHIPPED)));
    assertThat(failing.history()).hasSize(1);

    // when Connect flushes before committing the offsets and the write fails
    CompletableFuture<Void> flush = CompletableFuture.runAsync(() -> task.flush(Map.of()));
    await("the flush waiting for the write")
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                failing.errorNext(
                    new org.apache.kafka.common.errors.TimeoutException("broker gone")));

    // then the flush fails retriably: Connect commits nothing and hands the events over again
    assertThat(flush)
        .failsWithin(Duration.ofSeconds(10))
        .withThrowableOfType(ExecutionException.class)
        .havingCause()
        .isInstanceOf(RetriableException.class)
        .withMessageContaining("a routed event was not written");
    // and no later flush lets a commit pass until the task has gone back
    assertThatThrownBy(() -> task.flush(Map.of())).isInstanceOf(RetriableException.class);
  }

  @Test
  void shouldGoBackToTheFirstEventSinceTheLastCleanFlushAfterAFailedWrite() {
    // given events of two partitions routed and flushed, then more, one of whose writes fails
    MockProducer<byte[], byte[]> failing = manualProducer();
    RouterSinkTask task = routingAll(failing);
    SeekRequests context = new SeekRequests();
    task.initialize(context);
    task.put(List.of(event(SHIPPED, 0, 10), event(SHIPPED, 1, 20)));
    failing.completeNext();
    failing.completeNext();
    task.flush(Map.of());
    task.put(List.of(event(SHIPPED, 0, 11), event(SHIPPED, 0, 12), event(SHIPPED, 1, 21)));
    failing.completeNext();
    failing.errorNext(new org.apache.kafka.common.errors.TimeoutException("broker gone"));
    failing.completeNext();

    // when the next batch comes
    task.put(List.of(event(PAID, 0, 13), event(PAID, 2, 5)));

    // then it is not routed, and Connect is asked to seek each partition back to its first event
    // since the clean flush (this batch's own for a partition new since)
    assertThat(failing.history()).hasSize(5);
    assertThat(context.offsets)
        .containsExactlyInAnyOrderEntriesOf(Map.of(tp(0), 11L, tp(1), 21L, tp(2), 5L));
    // and no commit passes until Connect has sought there
    assertThatThrownBy(() -> task.flush(Map.of())).isInstanceOf(RetriableException.class);

    // when Connect hands the events over again from there, they are routed and may be committed
    task.put(List.of(event(SHIPPED, 0, 11)));
    failing.completeNext();
    assertThat(failing.history()).hasSize(6);
    task.flush(Map.of());
  }

  @Test
  void shouldGoBackOnlyOnPartitionsItKeepsWhenAFlushBeforeARevocationFailed() {
    // given a write of partition 0 and one of partition 1 that failed
    MockProducer<byte[], byte[]> failing = manualProducer();
    RouterSinkTask task = routingAll(failing);
    SeekRequests context = new SeekRequests();
    task.initialize(context);
    task.put(List.of(event(SHIPPED, 0, 7), event(SHIPPED, 1, 3)));
    failing.completeNext();
    failing.errorNext(new org.apache.kafka.common.errors.TimeoutException("broker gone"));

    // when Connect flushes before revoking partition 1 (a failed commit there is only logged, and
    // Connect does not rewind), then closes it and hands over the next batch of partition 0
    assertThatThrownBy(() -> task.flush(Map.of())).isInstanceOf(RetriableException.class);
    task.close(List.of(tp(1)));
    task.put(List.of(event(PAID, 0, 8)));

    // then the task itself goes back on partition 0, which it kept; partition 1's next owner
    // starts at the committed offset
    assertThat(context.offsets).containsExactlyEntriesOf(Map.of(tp(0), 7L));
    assertThat(failing.history()).hasSize(2);
  }

  @Test
  void shouldFailWhenAWriteFailedInAWayRetryingCannotMend() {
    // given a write the broker refused for good
    MockProducer<byte[], byte[]> failing = manualProducer();
    RouterSinkTask task = routingAll(failing);
    task.put(List.of(event(SHIPPED)));
    failing.errorNext(new org.apache.kafka.common.errors.ProducerFencedException("fenced"));

    // then the flush and the next put fail the task, instead of routing again forever
    assertThatThrownBy(() -> task.flush(Map.of()))
        .isInstanceOf(ConnectException.class)
        .isNotInstanceOf(RetriableException.class)
        .hasMessageContaining("needs a restart");
    assertThatThrownBy(() -> task.put(List.of(event(PAID))))
        .isInstanceOf(ConnectException.class)
        .isNotInstanceOf(RetriableException.class);
  }

  @Test
  void shouldNotCommitPastWritesNotYetInKafka() {
    // given a write Kafka has not acknowledged yet
    MockProducer<byte[], byte[]> slow = manualProducer();
    RouterSinkTask task = routingAll(slow);
    task.put(List.of(event(SHIPPED)));

    // then the flush before the commit waits for it
    CompletableFuture<Void> flush = CompletableFuture.runAsync(() -> task.flush(Map.of()));
    assertThat(flush).isNotDone();
    await("the write acknowledged").atMost(Duration.ofSeconds(10)).until(slow::completeNext);
    assertThat(flush).succeedsWithin(Duration.ofSeconds(10));
  }

  /** A task of bus shop routing every event to target t through {@code producer}. */
  private RouterSinkTask routingAll(MockProducer<byte[], byte[]> producer) {
    return new RouterSinkTask(
        "shop", producer, counters, rules(rule("all", "shop", ALL, target("t"))), Optional::empty);
  }
}
