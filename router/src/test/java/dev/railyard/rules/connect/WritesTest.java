package dev.railyard.rules.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.Test;

class WritesTest {

  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final Writes writes = new Writes(producer);

  private void send(int n) {
    for (int i = 0; i < n; i++) {
      writes.send(new ProducerRecord<>("railyard.to.r.t", new byte[] {(byte) i}));
    }
  }

  @Test
  void shouldCountWritesUntilKafkaSettlesThem() {
    // given three writes
    send(3);
    assertThat(writes.pending()).isEqualTo(3);

    // when Kafka acknowledges one and refuses another
    producer.completeNext();
    producer.errorNext(new IllegalStateException("broker gone"));

    // then one is pending, and the refusal is known
    assertThat(writes.pending()).isEqualTo(1);
    assertThat(writes.failed()).isTrue();
  }

  @Test
  void shouldWaitForEveryWriteWithoutForgettingAFailure() {
    // given two writes, one of which fails while the task waits for both
    send(2);
    CompletableFuture<Void> waiting = CompletableFuture.runAsync(writes::awaitAll);
    producer.errorNext(new IllegalStateException("broker gone"));
    assertThat(waiting).isNotDone();
    producer.completeNext();

    // when the wait is over
    assertThat(waiting).succeedsWithin(Duration.ofSeconds(10));

    // then the failure is still there for the flush, which reports it once
    assertThat(writes.failed()).isTrue();
    assertThatThrownBy(writes::settle)
        .isInstanceOf(RetriableException.class)
        .hasMessageContaining("broker gone");
    assertThat(writes.failed()).isFalse();
    writes.settle();
  }

  @Test
  void shouldSettleOnlyOnceKafkaHasEveryWrite() {
    // given a write not yet acknowledged
    send(1);

    // when the flush waits
    CompletableFuture<Void> flush = CompletableFuture.runAsync(writes::settle);

    // then it returns once the write is acknowledged, and not before
    assertThat(flush).isNotDone();
    await("the write acknowledged").atMost(Duration.ofSeconds(10)).until(producer::completeNext);
    assertThat(flush).succeedsWithin(Duration.ofSeconds(10));
    assertThat(writes.pending()).isZero();
  }
}
