package dev.railyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RoutingErrorsTest {

  @RegisterExtension static final RunningApi api = new RunningApi();

  @Test
  void shouldAnswerAnUnknownRouteWith404InTheErrorShape() {
    HttpResponse<String> response = api.get("/api/v1/nothing-here");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("content-type")).hasValue(Responses.JSON);
    JsonObject error = RunningApi.error(response);
    assertThat(error.getString("code")).isEqualTo("NOT_FOUND");
    assertThat(error.getString("message")).contains("/api/v1/nothing-here");
    assertThat(error.containsKey("details")).isTrue();
  }

  @Test
  void shouldAnswerAWrongMethodWith405InTheErrorShape() {
    HttpResponse<String> response = api.send("DELETE", "/health", null, null);

    assertThat(response.statusCode()).isEqualTo(405);
    JsonObject error = RunningApi.error(response);
    assertThat(error.getString("code")).isEqualTo("METHOD_NOT_ALLOWED");
    assertThat(error.getString("message")).contains("DELETE", "/health");
  }

  @Test
  void shouldAnswerABodyOverTheLimitWith413InTheErrorShape() {
    String tooLarge = "[" + "\"x\",".repeat((int) RunningApi.MAX_BODY_BYTES / 4) + "\"x\"]";

    HttpResponse<String> response = api.sendJson("POST", "/api/v1/events", tooLarge);

    assertThat(response.statusCode()).isEqualTo(413);
    JsonObject error = RunningApi.error(response);
    assertThat(error.getString("code")).isEqualTo("BODY_TOO_LARGE");
    assertThat(error.getString("message")).contains(Long.toString(RunningApi.MAX_BODY_BYTES));
    assertThat(api.platform().events.received).isEmpty();
  }

  @Test
  void shouldRejectAProxiedBodyOverTheLimitBeforeContactingConnect() {
    String tooLarge = "x".repeat((int) RunningApi.MAX_BODY_BYTES + 1);

    HttpResponse<String> response =
        api.send("POST", "/connect/connectors", tooLarge, "application/json");

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(RunningApi.error(response).getString("code")).isEqualTo("BODY_TOO_LARGE");
  }
}
