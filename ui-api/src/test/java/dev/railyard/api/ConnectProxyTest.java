package dev.railyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConnectProxyTest {

  @RegisterExtension static final RunningApi api = new RunningApi();

  private static FakeConnect connect;

  @BeforeAll
  static void startConnect() throws Exception {
    connect = new FakeConnect();
  }

  @AfterAll
  static void stopConnect() throws Exception {
    connect.close();
  }

  @BeforeEach
  void pointAtConnect() {
    api.platform().workers.connectRestUrl = Optional.of(connect.url());
    connect.status = 200;
    connect.contentType = "application/json";
    connect.body = "[]";
    connect.last = null;
  }

  @Test
  void shouldForwardMethodPathQueryBodyAndContentType() {
    connect.status = 201;
    connect.body = "{\"name\":\"orders-sink\"}";
    String config = "{\"connector.class\":\"FileStreamSink\",\"topics\":\"orders\"}";

    HttpResponse<String> response =
        api.send("PUT", "/connect/connectors/orders-sink/config?validate=true", config, "application/json");

    assertThat(connect.last)
        .isEqualTo(
            new FakeConnect.Seen(
                "PUT", "/connectors/orders-sink/config?validate=true", "application/json", config));
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.body()).isEqualTo("{\"name\":\"orders-sink\"}");
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(response.headers().firstValue("x-connect-marker")).hasValue("from-connect");
  }

  @Test
  void shouldReturnConnectErrorsUnchanged() {
    connect.status = 409;
    connect.body = "{\"error_code\":409,\"message\":\"Connector orders-sink already exists\"}";

    HttpResponse<String> response =
        api.send("POST", "/connect/connectors", "{\"name\":\"orders-sink\"}", "application/json");

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.body()).isEqualTo(connect.body);
    assertThat(connect.last.method()).isEqualTo("POST");
    assertThat(connect.last.body()).isEqualTo("{\"name\":\"orders-sink\"}");
  }

  @Test
  void shouldRelayNotFoundAndItsContentTypeFromConnect() {
    connect.status = 404;
    connect.contentType = "text/plain";
    connect.body = "no such connector";

    HttpResponse<String> response = api.get("/connect/connectors/missing/status");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("content-type")).hasValue("text/plain");
    assertThat(response.body()).isEqualTo("no such connector");
  }

  @Test
  void shouldMapTheBarePrefixToTheConnectRoot() {
    connect.body = "{\"version\":\"4.3.1\"}";

    HttpResponse<String> response = api.get("/connect");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(connect.last.uri()).isEqualTo("/");
    assertThat(response.body()).isEqualTo("{\"version\":\"4.3.1\"}");
  }

  @Test
  void shouldAnswer503WhenNoWorkerRuns() {
    api.platform().workers.connectRestUrl = Optional.empty();

    HttpResponse<String> response = api.get("/connect/connectors");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(RunningApi.error(response).getString("code")).isEqualTo("NO_CONNECT_WORKER");
  }

  @Test
  void shouldAnswer502WithTheReasonWhenTheWorkerDoesNotAnswer() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    api.platform().workers.connectRestUrl = Optional.of("http://127.0.0.1:" + closedPort);

    HttpResponse<String> response = api.get("/connect/connectors");

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(RunningApi.error(response).getString("code")).isEqualTo("CONNECT_UNREACHABLE");
    assertThat(RunningApi.error(response).getString("message")).contains("127.0.0.1:" + closedPort);
  }

  @Test
  void shouldNotProxyPathsThatMerelyStartWithThePrefix() {
    HttpResponse<String> response = api.get("/connectors");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(connect.last).isNull();
  }
}
