package dev.railyard.rules.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class SharedProducersTest {

  private final SharedProducers<byte[], byte[]> producers = new SharedProducers<>();
  private final AtomicInteger made = new AtomicInteger();

  private Producer<byte[], byte[]> make() {
    made.incrementAndGet();
    return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Test
  void shouldShareOneProducerAmongLeasesOfTheSameSettings() {
    // given two tasks leasing with the same settings, and one with other settings
    var first = producers.lease(List.of("railyard-router-orders", "a:9092"), this::make);
    var second = producers.lease(List.of("railyard-router-orders", "a:9092"), this::make);
    var other = producers.lease(List.of("railyard-router-billing", "a:9092"), this::make);

    // then the first two share a producer and the third has its own
    assertThat(second.producer()).isSameAs(first.producer());
    assertThat(other.producer()).isNotSameAs(first.producer());
    assertThat(made).hasValue(2);
  }

  @Test
  void shouldCloseTheProducerWithItsLastLeaseOnly() {
    // given a producer leased twice
    var first = producers.lease(List.of("k"), this::make);
    var second = producers.lease(List.of("k"), this::make);
    MockProducer<byte[], byte[]> producer = (MockProducer<byte[], byte[]>) first.producer();

    // when one lease is closed, twice
    first.close();
    first.close();

    // then the producer stays open for the other
    assertThat(producer.closed()).isFalse();

    // and closing the last lease closes it, and the next lease makes a new one
    second.close();
    assertThat(producer.closed()).isTrue();
    assertThat(producers.size()).isZero();
    var third = producers.lease(List.of("k"), this::make);
    assertThat(third.producer()).isNotSameAs(producer);
    assertThat(made).hasValue(2);
  }

  @Test
  void shouldMakeANewProducerForTheNextLeaseOnceOneIsInvalidated() {
    // given a producer leased twice that can no longer write
    var first = producers.lease(List.of("k"), this::make);
    var second = producers.lease(List.of("k"), this::make);
    MockProducer<byte[], byte[]> broken = (MockProducer<byte[], byte[]>) first.producer();

    // when one lease takes it out of sharing
    first.invalidate();

    // then a restarted task gets a new producer, and the broken one is closed with its last lease
    var restarted = producers.lease(List.of("k"), this::make);
    assertThat(restarted.producer()).isNotSameAs(broken);
    first.close();
    assertThat(broken.closed()).isFalse();
    second.close();
    assertThat(broken.closed()).isTrue();
    assertThat(restarted.producer()).isSameAs(producers.lease(List.of("k"), this::make).producer());
  }
}
