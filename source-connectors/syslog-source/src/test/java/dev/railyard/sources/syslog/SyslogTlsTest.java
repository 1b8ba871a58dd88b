package dev.railyard.sources.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Syslog over TLS (RFC 5425): octet-counted messages on a TLS connection. */
class SyslogTlsTest {

  @TempDir static Path dir;
  private static Path keyStore;

  @BeforeAll
  static void makeKeyStore() throws Exception {
    keyStore = TestKeyStore.create(dir, "changeit");
  }

  private static RunningTask startTls() {
    return RunningTask.start(
        Map.of(
            "syslog.protocols", "tcp",
            "syslog.tls.enabled", "true",
            "syslog.tls.keystore.path", keyStore.toString(),
            "syslog.tls.keystore.password", "changeit"));
  }

  @Test
  void shouldReceiveOctetCountedMessagesOverTls() throws Exception {
    // given a task serving TLS with a key store made for the test
    try (RunningTask running = startTls();
        SSLSocket client =
            (SSLSocket)
                TestKeyStore.clientTrusting(keyStore, "changeit")
                    .getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), running.port)) {
      // when a client that checks the server's certificate sends two octet-counted messages
      client.startHandshake();
      Senders.write(
          client.getOutputStream(),
          Senders.counted("<86>1 2026-12-03T10:00:00Z gw sshd 77 - - first")
              + Senders.counted("<86>1 2026-12-03T10:00:01Z gw sshd 77 - - second"));

      // then both arrive, marked as having come over TLS
      List<JsonNode> events = running.awaitEvents(2);
      assertThat(events)
          .extracting(e -> e.at("/data/message").asText())
          .containsExactly("first", "second");
      assertThat(events)
          .allSatisfy(e -> assertThat(e.at("/data/transport").asText()).isEqualTo("tls"));
      assertThat(events.get(0).path("severity").asText()).isEqualTo("info");
      assertThat(events.get(0).path("facility").asText()).isEqualTo("authpriv");
      assertThat(events.get(0).path("time").asText()).isEqualTo("2026-12-03T10:00:00Z");
    }
  }

  @Test
  void shouldTakeNothingFromAPlainTcpClient() throws Exception {
    // given a task serving TLS
    try (RunningTask running = startTls()) {
      // when a plain TCP client sends a message, the server ends the connection
      try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), running.port)) {
        plain.setSoTimeout(10_000);
        Senders.write(plain.getOutputStream(), "<13>1 - h a - - - plain\n");
        plain.getInputStream().readAllBytes();
      } catch (IOException e) {
        // reset by the server: ended as well
      }
      await("the plain connection closed by the server")
          .atMost(Duration.ofSeconds(10))
          .until(() -> running.metrics().getOpenConnections() == 0);

      // then nothing was taken as a message
      assertThat(running.task.poll()).isNull();
      assertThat(running.metrics().getReceived()).isZero();
    }
  }
}
