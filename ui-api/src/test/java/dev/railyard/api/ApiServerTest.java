package dev.railyard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.ConnectException;
import java.net.Socket;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiServerTest {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final FakePlatform platform = new FakePlatform();
  private final TestSecurity security = new TestSecurity();

  @AfterEach
  void closeRegistry() {
    registry.close();
    security.delete();
  }

  @Test
  void shouldBindAnEphemeralPortAndStopAcceptingOnceClosed() throws Exception {
    platform.reset();
    ApiServer server = start(0);
    int port = server.port();
    assertThat(port).isPositive();
    try (Socket socket = new Socket("127.0.0.1", port)) {
      assertThat(socket.isConnected()).isTrue();
    }

    server.close().toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void shouldFailToStartWhenThePortIsTaken() throws Exception {
    platform.reset();
    ApiServer first = start(0);
    try {
      assertThatThrownBy(() -> start(first.port()))
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("in use");
    } finally {
      first.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void shouldRejectInvalidOptions() {
    assertThatThrownBy(() -> new ApiOptions("127.0.0.1", 70_000, 1024))
        .hasMessageContaining("port");
    assertThatThrownBy(() -> new ApiOptions("127.0.0.1", 0, 0))
        .hasMessageContaining("maxBodyBytes");
  }

  private ApiServer start(int port) throws Exception {
    return ApiServer.start(
            new ApiOptions("127.0.0.1", port, 1024),
            security.security(),
            platform.services(),
            registry)
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }
}
