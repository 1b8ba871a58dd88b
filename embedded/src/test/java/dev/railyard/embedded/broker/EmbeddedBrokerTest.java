package dev.railyard.embedded.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerTest {

  @TempDir Path dir;

  @Test
  void shouldListenOnLoopbackOnly() {
    assertThat(EmbeddedBroker.isLoopback("127.0.0.1")).isTrue();
    assertThat(EmbeddedBroker.isLoopback("localhost")).isTrue();
    assertThat(EmbeddedBroker.isLoopback("::1")).isTrue();
    assertThat(EmbeddedBroker.isLoopback("0.0.0.0")).isFalse();
    assertThat(EmbeddedBroker.isLoopback("192.0.2.1")).isFalse();

    assertThatThrownBy(() -> EmbeddedBroker.prepare(dir, "0.0.0.0", 0, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("loopback address only")
        .hasMessageContaining("0.0.0.0");
    assertThatThrownBy(
            () ->
                EmbeddedBroker.prepare(
                    dir, "127.0.0.1", 0, Map.of("listeners", "PLAINTEXT://0.0.0.0:9092")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("listeners");
  }

  @Test
  void shouldBindEveryListenerToTheGivenHost() {
    var props = EmbeddedBroker.brokerProperties(dir, "127.0.0.1", 9092, 9093);

    assertThat(props.getProperty("listeners"))
        .isEqualTo("PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093");
    assertThat(props.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:9092");
  }
}
