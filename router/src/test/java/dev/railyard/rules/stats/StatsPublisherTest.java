package dev.railyard.rules.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railyard.rules.kafka.PluginClients;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatsPublisherTest {

  @Test
  void shouldKeepCountingAndCloseWhenKafkaCannotBeReached() {
    // given a publisher pointed at a port nothing listens on
    long started = System.nanoTime();
    StatsPublisher publisher =
        StatsPublisher.start(
            PluginClients.of("127.0.0.1:1"), "router.nowhere", Duration.ofMillis(100));

    // when the task counts and stops
    publisher.counters().matched("paid");
    publisher.counters().failed("paid", "billing");
    publisher.close();

    // then nothing was thrown, the counts are there, and stopping did not hang
    assertThat(publisher.counters().snapshot().matched("paid")).isEqualTo(1);
    assertThat(publisher.key()).startsWith("router.nowhere/");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void shouldCountWithoutAProducerWhenTheAddressIsNotEvenValid() {
    StatsPublisher publisher =
        StatsPublisher.start(PluginClients.of("no port here"), "router.bad", Duration.ofSeconds(1));

    publisher.counters().matched("paid");
    publisher.close();

    assertThat(publisher.counters().snapshot().matched("paid")).isEqualTo(1);
  }

  @Test
  void shouldGiveEachPublisherAKeyOfItsOwn() {
    try (StatsPublisher a =
            StatsPublisher.start(
                PluginClients.of("no port here"), "router.shop", Duration.ofSeconds(1));
        StatsPublisher b =
            StatsPublisher.start(
                PluginClients.of("no port here"), "router.shop", Duration.ofSeconds(1))) {
      assertThat(a.key()).isNotEqualTo(b.key());
    }
  }

  @Test
  void shouldRefuseAnIntervalThatIsNotPositive() {
    assertThatThrownBy(
            () -> StatsPublisher.start(PluginClients.of("127.0.0.1:1"), "router.x", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
