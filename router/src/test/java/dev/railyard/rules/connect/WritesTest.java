package dev.railyard.rules.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
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
    producer.errorNext(new org.apache.kafka.common.errors.TimeoutException("broker gone"));

    // then one is pending, and the refusal is known
    assertThat(writes.pending()).isEqualTo(1);
    assertThat(writes.failed()).isTrue();
  }

  @Test
  void shouldWaitForEveryWriteWithoutForgettingAFailure() {
    // given two writes, one of which fails while the task waits for both
    send(2);
    CompletableFuture<Void> waiting = CompletableFuture.runAsync(writes::awaitAll);
    producer.errorNext(new org.apache.kafka.common.errors.TimeoutException("broker gone"));
    assertThat(waiting).isNotDone();
    producer.completeNext();

    // when the wait is over
    assertThat(waiting).succeedsWithin(Duration.ofSeconds(10));

    // then the failure is still there for the flush, which answers it once
    assertThat(writes.failed()).isTrue();
    assertThat(writes.settle()).hasMessageContaining("broker gone");
    assertThat(writes.failed()).isFalse();
    assertThat(writes.settle()).isNull();
  }

  @Test
  void shouldTellAFailureRetryingCannotMendFromOneItCan() {
    // given a write that timed out (retriable) and one the broker refused for good
    send(2);
    producer.errorNext(new org.apache.kafka.common.errors.TimeoutException("slow broker"));
    assertThat(writes.fatal()).isFalse();
    producer.errorNext(new org.apache.kafka.common.errors.ProducerFencedException("fenced"));

    // then the second makes the writes fatal, and the first failure is the one answered
    assertThat(writes.fatal()).isTrue();
    assertThat(writes.settle()).hasMessageContaining("slow broker");
  }

  @Test
  void shouldSettleOnlyOnceKafkaHasEveryWrite() {
    // given a write not yet acknowledged
    send(1);

    // when the flush waits
    CompletableFuture<Exception> flush = CompletableFuture.supplyAsync(writes::settle);

    // then it returns once the write is acknowledged, and not before
    assertThat(flush).isNotDone();
    await("the write acknowledged").atMost(Duration.ofSeconds(10)).until(producer::completeNext);
    assertThat(flush).succeedsWithin(Duration.ofSeconds(10)).isNull();
    assertThat(writes.pending()).isZero();
  }
}
