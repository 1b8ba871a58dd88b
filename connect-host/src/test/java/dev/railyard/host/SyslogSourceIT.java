package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Railyard's syslog source as a user runs it: installed from its plugin archive through the API,
 * listening on a port of the worker, fed by util-linux's logger, its events routed by a rule on
 * their severity to an HTTP function.
 */
@WithPlatform(workers = 1, shared = "connectors", settings = ConnectorPlugins.EXACTLY_ONCE)
class SyslogSourceIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONNECTOR = "dev.railyard.sources.syslog.SyslogSourceConnector";

  @Test
  void shouldRouteErrorsOrWorseFromLoggerToAnEndpoint(ApiClient api, Platform platform)
      throws Exception {
    // given the syslog source installed from the plugin store, a rule sending events of severity
    // error or worse from bus syslogit to an endpoint, and the source listening on a free port
    ConnectorPlugins.install(platform, api, "railyard-syslog-source", CONNECTOR);
    try (Endpoint endpoint = Endpoint.start(200)) {
      RuleFixtures.applyOk(api, rule(endpoint));
      int port = freePort();
      ApiClient.Response put = api.put("/api/v1/connectors/syslog-it", config(port));
      assertThat(put.status()).as(put.body()).isEqualTo(201);
      ConnectorsApiIT.awaitState(api, "syslog-it", "RUNNING");

      // when logger sends, over UDP and TCP in both formats, an error, a critical message, a
      // warning and an info each
      List<String> expected = new ArrayList<>();
      for (String[] way : WAYS) {
        for (String priority : List.of("user.err", "daemon.crit", "user.warning", "user.info")) {
          String message = priority + " " + String.join(" ", way);
          logger(port, way, priority, message);
          if (priority.endsWith("err") || priority.endsWith("crit")) {
            expected.add(message);
          }
        }
      }

      // then the endpoint gets the eight errors and critical ones, each once, as CloudEvents
      await("the 8 errors or worse at the endpoint")
          .atMost(Duration.ofSeconds(120))
          .until(() -> endpoint.delivered().size() >= expected.size());
      List<JsonNode> events = new ArrayList<>();
      for (String body : endpoint.delivered()) {
        events.add(JSON.readTree(body));
      }
      assertThat(events)
          .extracting(e -> e.at("/data/message").asText())
          .containsExactlyInAnyOrderElementsOf(expected);
      assertThat(events)
          .allSatisfy(
              e -> {
                assertThat(e.path("specversion").asText()).isEqualTo("1.0");
                assertThat(e.path("type").asText()).isEqualTo("dev.railyard.syslog.message");
                assertThat(e.path("source").asText())
                    .isEqualTo("syslog://" + e.path("hostname").asText() + "/railyard-it");
                assertThat(e.path("severitycode").asInt()).isLessThanOrEqualTo(3);
              });
    } finally {
      // the platform is shared with the other connector ITs: leave it as it was
      api.delete("/api/v1/connectors/syslog-it");
      api.delete("/api/v1/rules/syslog-errors");
    }
  }

  @Test
  void shouldRefuseABadPortWith400NamingTheKey(ApiClient api, Platform platform) {
    // given the syslog source installed
    ConnectorPlugins.install(platform, api, "railyard-syslog-source", CONNECTOR);

    // when a config with a port out of range and a protocol that is none is put
    ApiClient.Response put =
        api.put(
            "/api/v1/connectors/syslog-bad",
            """
            {"connector.class": "%s", "bus": "syslogit",
             "syslog.port": "70000", "syslog.protocols": "udp,sctp"}"""
                .formatted(CONNECTOR));

    // then it is refused with each key's error and what would be valid, and nothing is created
    assertThat(put.status()).as(put.body()).isEqualTo(400);
    JsonNode errors = put.json().at("/error/details/errors");
    assertThat(errors.path("syslog.port").get(0).asText()).contains("no more than 65535");
    assertThat(errors.path("syslog.protocols").get(0).asText()).contains("udp, tcp or udp,tcp");
    assertThat(api.get("/api/v1/connectors/syslog-bad").status()).isEqualTo(404);
  }

  /** Transport, format and framing options of logger: every way it can send. */
  private static final String[][] WAYS = {
    {"--udp", "--rfc5424"},
    {"--udp", "--rfc3164"},
    {"--tcp", "--rfc5424", "--octet-count"},
    {"--tcp", "--rfc3164"}
  };

  private static String rule(Endpoint endpoint) {
    return """
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: syslog-errors}
        spec:
          bus: syslogit
          pattern:
            type: ["dev.railyard.syslog.message"]
            severitycode: [{numeric: ["<=", 3]}]
          targets:
            - name: fn
              config:
                connector.class: dev.railyard.sinks.http.HttpSinkConnector
                http.url: "%s"
        """
        .formatted(endpoint.url());
  }

  private static String config(int port) {
    return """
        {"connector.class": "%s", "bus": "syslogit",
         "syslog.host": "127.0.0.1", "syslog.port": "%d",
         "value.converter": "org.apache.kafka.connect.storage.StringConverter"}"""
        .formatted(CONNECTOR, port);
  }

  private static void logger(int port, String[] way, String priority, String message)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("logger", "--server", "127.0.0.1"));
    command.addAll(List.of("--port", Integer.toString(port), "-p", priority, "-t", "railyard-it"));
    command.addAll(List.of(way));
    command.add(message);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("logger ended").isTrue();
    assertThat(process.exitValue())
        .as(new String(process.getInputStream().readAllBytes()))
        .isZero();
  }

  /** A port free for both TCP and UDP on 127.0.0.1. */
  private static int freePort() throws IOException {
    for (int attempt = 0; attempt < 20; attempt++) {
      try (ServerSocket tcp = new ServerSocket()) {
        tcp.bind(new InetSocketAddress("127.0.0.1", 0));
        try (DatagramSocket udp =
            new DatagramSocket(new InetSocketAddress("127.0.0.1", tcp.getLocalPort()))) {
          return tcp.getLocalPort();
        } catch (IOException e) {
          // taken for UDP: another
        }
      }
    }
    throw new IllegalStateException("no port free for both TCP and UDP");
  }
}
