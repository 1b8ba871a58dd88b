package dev.railyard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.net.SelfSignedCertificate;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
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
  void shouldSpeakOnlyHttpsWithACertificateAndKey() throws Exception {
    platform.reset();
    SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
    ApiServer server =
        ApiServer.start(
                new ApiOptions(
                    "127.0.0.1",
                    0,
                    1024,
                    60,
                    16,
                    8192,
                    certificate.certificatePath(),
                    certificate.privateKeyPath(),
                    RequestBounds.DEFAULTS),
                security.security(),
                platform.services(),
                registry)
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    try {
      SSLContext trustAll = SSLContext.getInstance("TLS");
      trustAll.init(null, new TrustManager[] {new TrustEverything()}, null);
      HttpClient client = HttpClient.newBuilder().sslContext(trustAll).build();

      HttpResponse<String> https =
          client.send(
              HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/health"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(https.statusCode()).isEqualTo(200);
      assertThatThrownBy(
              () ->
                  HttpClient.newHttpClient()
                      .send(
                          HttpRequest.newBuilder(
                                  URI.create("http://127.0.0.1:" + server.port() + "/health"))
                              .timeout(java.time.Duration.ofSeconds(5))
                              .build(),
                          HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(java.io.IOException.class);
    } finally {
      server.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
      certificate.delete();
    }
  }

  @Test
  void shouldCloseAConnectionOverTheLimitAndKeepServingTheOthers() throws Exception {
    platform.reset();
    ApiServer server =
        ApiServer.start(
                new ApiOptions("127.0.0.1", 0, 1024, 60, 1, 8192, "", "", RequestBounds.DEFAULTS),
                security.security(),
                platform.services(),
                registry)
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    try (Socket first = new Socket("127.0.0.1", server.port());
        Socket second = new Socket("127.0.0.1", server.port())) {
      first.setSoTimeout(10_000);
      second.setSoTimeout(10_000);
      String health = "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n";
      first.getOutputStream().write(health.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String status =
          new java.io.BufferedReader(new java.io.InputStreamReader(first.getInputStream()))
              .readLine();

      second.getOutputStream().write(health.getBytes(java.nio.charset.StandardCharsets.US_ASCII));

      assertThat(status).startsWith("HTTP/1.1 200");
      assertThat(second.getInputStream().read())
          .as("the second connection is closed")
          .isEqualTo(-1);
    } finally {
      server.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void shouldRefuseACertificateWithoutItsKey() {
    assertThatThrownBy(
            () ->
                new ApiOptions(
                    "127.0.0.1", 0, 1024, 60, 16, 8192, "cert.pem", "", RequestBounds.DEFAULTS))
        .hasMessageContaining("http.tls.key.file");
  }

  /** The test's self-signed certificate is trusted as it is. */
  private static final class TrustEverything implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
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
