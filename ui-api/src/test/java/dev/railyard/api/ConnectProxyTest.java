package dev.railyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.api.platform.Outcome;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
    connect.hold = null;
    api.platform().connectors.configRefusal = null;
    api.platform().connectors.calls.clear();
  }

  @Test
  void shouldAskThePlatformToCheckEveryConfigWriteAndValidationAndPassNoRefusedOneOn() {
    api.platform().connectors.configRefusal =
        Outcome.refused(
            Outcome.Kind.INVALID,
            "CONFIG_NOT_ALLOWED",
            "db.password: ${file:/etc/passwd:x} must read a properties file under secrets.dir",
            Map.of("field", "db.password"));
    String config = "{\"connector.class\":\"X\",\"db.password\":\"${file:/etc/passwd:x}\"}";

    HttpResponse<String> put = api.sendJson("PUT", "/connect/connectors/a/config", config);
    HttpResponse<String> patch = api.sendJson("PATCH", "/connect/connectors/a/config", config);
    HttpResponse<String> post =
        api.sendJson("POST", "/connect/connectors", "{\"name\":\"b\",\"config\":" + config + "}");
    HttpResponse<String> validate =
        api.sendJson("PUT", "/connect/connector-plugins/X/config/validate", config);

    for (HttpResponse<String> refused : java.util.List.of(put, patch, post, validate)) {
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
      assertThat(refused.body()).contains("CONFIG_NOT_ALLOWED").contains("db.password");
    }
    assertThat(connect.last).as("nothing reached Connect").isNull();
    assertThat(api.platform().connectors.calls)
        .containsExactly(
            "checkConfig a {connector.class=X, db.password=${file:/etc/passwd:x}}",
            "checkConfig a {connector.class=X, db.password=${file:/etc/passwd:x}}",
            "checkConfig b {connector.class=X, db.password=${file:/etc/passwd:x}}",
            "checkConfig null {connector.class=X, db.password=${file:/etc/passwd:x}}");

    api.platform().connectors.configRefusal = null;
    HttpResponse<String> passed =
        api.sendJson("PUT", "/connect/connector-plugins/X/config/validate", config);
    assertThat(passed.statusCode()).isEqualTo(200);
    assertThat(connect.last.body()).isEqualTo(config);
  }

  @Test
  void shouldForwardMethodPathQueryBodyAndContentType() {
    connect.status = 201;
    connect.body = "{\"name\":\"orders-sink\"}";
    String config = "{\"connector.class\":\"FileStreamSink\",\"topics\":\"orders\"}";

    HttpResponse<String> response =
        api.send(
            "PUT",
            "/connect/connectors/orders-sink/config?validate=true",
            config,
            "application/json");

    assertThat(connect.last)
        .isEqualTo(
            new FakeConnect.Seen(
                "PUT",
                "/connectors/orders-sink/config?validate=true",
                "application/json",
                null,
                config));
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.body()).isEqualTo("{\"name\":\"orders-sink\"}");
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(response.headers().firstValue("x-connect-marker")).hasValue("from-connect");
  }

  @Test
  void shouldMaskSecretsInEveryAnswerThatCarriesConfigs() {
    connect.body = "{\"name\":\"a\",\"config\":{\"db.password\":\"hunter2\",\"topics\":\"t\"}}";
    assertThat(api.get("/connect/connectors/a").body())
        .contains("\"db.password\":\"********\"")
        .contains("\"topics\":\"t\"")
        .doesNotContain("hunter2");

    connect.body = "{\"db.password\":\"hunter2\"}";
    assertThat(api.get("/connect/connectors/a/config").body()).doesNotContain("hunter2");

    connect.body =
        "[{\"id\":{\"connector\":\"a\",\"task\":0},\"config\":{\"db.password\":\"hunter2\"}}]";
    assertThat(api.get("/connect/connectors/a/tasks").body()).doesNotContain("hunter2");

    connect.body = "{\"a\":{\"info\":{\"config\":{\"db.password\":\"hunter2\"}}}}";
    HttpResponse<String> list = api.get("/connect/connectors?expand=info");
    assertThat(list.body()).doesNotContain("hunter2").contains("********");
    assertThat(list.headers().firstValue("content-length"))
        .hasValue(String.valueOf(list.body().length()));
  }

  @Test
  void shouldRefuseToWriteAConfigHoldingTheMaskAndPassOtherWritesOn() {
    HttpResponse<String> refused =
        api.send(
            "PUT",
            "/connect/connectors/a/config",
            "{\"connector.class\":\"X\",\"db.password\":\"********\"}",
            "application/json");

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("MASKED_SECRET").contains("db.password");
    assertThat(connect.last).isNull();

    connect.status = 201;
    String config =
        "{\"name\":\"b\",\"config\":{\"connector.class\":\"X\",\"db.password\":\"s3cret\"}}";
    HttpResponse<String> created =
        api.send("POST", "/connect/connectors", config, "application/json");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(connect.last.body()).isEqualTo(config);
  }

  @Test
  void shouldMaskTheAnswersOfConfigWritesAndOfValidation() {
    connect.body = "{\"name\":\"a\",\"config\":{\"db.password\":\"hunter2\"},\"tasks\":[]}";

    HttpResponse<String> patched =
        api.sendJson("PATCH", "/connect/connectors/a/config", "{\"topics\":\"t\"}");
    HttpResponse<String> put =
        api.sendJson("PUT", "/connect/connectors/a/config", "{\"topics\":\"t\"}");
    connect.body =
        "{\"configs\":[{\"definition\":{\"name\":\"db.password\"},"
            + "\"value\":{\"name\":\"db.password\",\"value\":\"hunter2\",\"errors\":[]}}]}";
    HttpResponse<String> validated =
        api.sendJson(
            "PUT", "/connect/connector-plugins/FileStreamSink/config/validate", "{\"a\":\"b\"}");

    assertThat(patched.body()).doesNotContain("hunter2").contains("********");
    assertThat(put.body()).doesNotContain("hunter2");
    assertThat(validated.body()).doesNotContain("hunter2").contains("********");
  }

  @Test
  void shouldRefuseANonJsonAnswerOnARouteThatCarriesConfigs() {
    connect.contentType = "text/plain";
    connect.body = "db.password=hunter2";

    HttpResponse<String> response = api.get("/connect/connectors/a/config");

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.body()).doesNotContain("hunter2");
  }

  @Test
  void shouldPassOnlyConnectsPublicRoutesMatchedOnTheDecodedPath() {
    int before = connect.requests();

    HttpResponse<String> internal =
        api.sendJson("POST", "/connect/connectors/a/tasks", "[{\"a\":\"b\"}]");
    HttpResponse<String> fence = api.sendJson("PUT", "/connect/connectors/a/fence", "{}");
    HttpResponse<String> unknown = api.get("/connect/anything");
    HttpResponse<String> dotted = api.get("/connect/connectors/a/../../admin/x");

    assertThat(internal.statusCode()).isEqualTo(405);
    assertThat(RunningApi.error(internal).getString("code")).isEqualTo("CONNECT_ROUTE_NOT_ALLOWED");
    assertThat(fence.statusCode()).isEqualTo(404);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(dotted.statusCode()).isEqualTo(404);
    assertThat(connect.requests()).isEqualTo(before);
  }

  @Test
  void shouldKeepTheLoggersToAdmins() {
    HttpResponse<String> viewer =
        api.exchange(
            api.anonymous("/connect/admin/loggers")
                .header(
                    "Authorization",
                    "Bearer " + api.security().secret(dev.railyard.api.security.Role.VIEWER))
                .GET(),
            java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(viewer.statusCode()).isEqualTo(403);
    assertThat(api.get("/connect/admin/loggers").statusCode()).isEqualTo(200);
  }

  @Test
  void shouldRelayOtherAnswersUntouched() {
    connect.body = "{\"db.password\":\"hunter2\"}";

    assertThat(api.get("/connect/connectors/a/status").body()).isEqualTo(connect.body);
  }

  @Test
  void shouldRefuseFormAndOtherNonJsonBodiesWithoutCallingConnect() {
    String config = "{\"connector.class\":\"FileStreamSink\"}";
    int before = connect.requests();

    HttpResponse<String> form =
        api.send(
            "PUT", "/connect/connectors/a/config", config, "application/x-www-form-urlencoded");
    HttpResponse<String> csv = api.send("PUT", "/connect/connectors/a/config", "a,b", "text/csv");

    assertThat(form.statusCode()).isEqualTo(415);
    assertThat(RunningApi.error(form).getString("message")).contains("application/json");
    assertThat(csv.statusCode()).isEqualTo(415);
    assertThat(connect.requests()).isEqualTo(before);
  }

  @Test
  void shouldNotPassTheCallersCredentialsToConnect() {
    api.get("/connect/connectors");

    assertThat(connect.last.authorization()).isNull();
  }

  @Test
  void shouldStreamTheResponseBeforeConnectHasFinished() throws Exception {
    connect.hold = new CompletableFuture<>();
    connect.body = "rest of the body";

    HttpResponse<InputStream> response =
        api.exchange(api.request("/connect/connectors"), BodyHandlers.ofInputStream());

    assertThat(response.statusCode()).isEqualTo(200);
    try (InputStream body = response.body()) {
      byte[] first =
          CompletableFuture.supplyAsync(() -> read(body, FakeConnect.FIRST_CHUNK.length()))
              .get(10, TimeUnit.SECONDS);
      assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo(FakeConnect.FIRST_CHUNK);
      connect.hold.complete(null);
      byte[] rest =
          CompletableFuture.supplyAsync(() -> read(body, Integer.MAX_VALUE))
              .get(10, TimeUnit.SECONDS);
      assertThat(new String(rest, StandardCharsets.UTF_8)).isEqualTo("rest of the body");
    }
  }

  @Test
  void shouldStreamAChunkedRequestBodyUpToConnect() {
    String config = "{\"name\":\"chunked\"," + "\"pad\":\"" + "p".repeat(20_000) + "\"}";
    HttpRequest.Builder request =
        api.request("/connect/connectors")
            .header("Content-Type", "application/json")
            .POST(
                BodyPublishers.ofInputStream(
                    () -> new ByteArrayInputStream(config.getBytes(StandardCharsets.UTF_8))));

    HttpResponse<String> response = api.exchange(request, BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(connect.last.body()).isEqualTo(config);
  }

  @Test
  void shouldCutOffAChunkedRequestBodyOverTheLimitWith413() {
    byte[] tooLarge =
        "x".repeat((int) RunningApi.MAX_BODY_BYTES + 1).getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder request =
        api.request("/connect/connectors")
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooLarge)));

    HttpResponse<String> response = api.exchange(request, BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(RunningApi.error(response).getString("code")).isEqualTo("BODY_TOO_LARGE");
    assertThat(connect.last).as("a complete request reaching Connect").isNull();
  }

  private static byte[] read(InputStream in, int bytes) {
    try {
      return in.readNBytes(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
  void shouldKeepPercentEncodingOfConnectorNames() {
    api.get("/connect/connectors/orders%20sink%2Fv2/status");

    assertThat(connect.last.uri()).isEqualTo("/connectors/orders%20sink%2Fv2/status");
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
