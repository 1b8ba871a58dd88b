package dev.railyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.api.platform.HealthProbe.ComponentHealth;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HealthRoutesTest {

  @RegisterExtension static final RunningApi api = new RunningApi();

  @Test
  void shouldAnswerUpWithEveryComponentWhenAllAreUp() {
    HttpResponse<String> response = api.get("/health");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue(Responses.JSON);
    JsonObject body = RunningApi.json(response);
    assertThat(body.getString("status")).isEqualTo("UP");
    JsonObject components = body.getJsonObject("components");
    assertThat(components.fieldNames()).containsExactlyInAnyOrder("broker", "workers", "api");
    assertThat(components.getJsonObject("broker").getString("status")).isEqualTo("UP");
    assertThat(components.getJsonObject("broker").getString("detail")).isEqualTo("broker is fine");
    assertThat(components.getJsonObject("api").getString("status")).isEqualTo("UP");
  }

  @Test
  void shouldProbeOffTheEventLoop() {
    api.get("/health");

    assertThat(api.platform().health.calledOn).isNotNull().doesNotContain("eventloop");
  }

  @Test
  void shouldAnswer503NamingTheFailingComponent() {
    api.platform().health.components =
        List.of(
            FakePlatform.up("workers"),
            new ComponentHealth("broker", false, "no controller reachable at 127.0.0.1:9093"));

    HttpResponse<String> response = api.get("/health");

    assertThat(response.statusCode()).isEqualTo(503);
    JsonObject body = RunningApi.json(response);
    assertThat(body.getString("status")).isEqualTo("DOWN");
    JsonObject broker = body.getJsonObject("components").getJsonObject("broker");
    assertThat(broker.getString("status")).isEqualTo("DOWN");
    assertThat(broker.getString("detail")).isEqualTo("no controller reachable at 127.0.0.1:9093");
    assertThat(body.getJsonObject("components").getJsonObject("workers").getString("status"))
        .isEqualTo("UP");
  }

  @Test
  void shouldShowAWarningWithoutChangingTheStatus() {
    // given figures that cannot be read, while every component is up
    api.platform().health.components =
        List.of(
            FakePlatform.up("broker"),
            new ComponentHealth(
                "rules", true, "following railyard.rules", "target figures not read: timeout"));

    // when
    HttpResponse<String> response = api.get("/health");

    // then the answer stays 200 UP and names the warning next to the component's detail
    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = RunningApi.json(response);
    assertThat(body.getString("status")).isEqualTo("UP");
    JsonObject rules = body.getJsonObject("components").getJsonObject("rules");
    assertThat(rules.getString("status")).isEqualTo("UP");
    assertThat(rules.getString("detail")).isEqualTo("following railyard.rules");
    assertThat(rules.getString("warning")).isEqualTo("target figures not read: timeout");
    assertThat(body.getJsonObject("components").getJsonObject("broker").containsKey("warning"))
        .isFalse();
  }

  @Test
  void shouldAnswer503WhenTheProbeItselfFails() {
    api.platform().health.failure = new IllegalStateException("admin client closed");

    HttpResponse<String> response = api.get("/health");

    assertThat(response.statusCode()).isEqualTo(503);
    JsonObject components = RunningApi.json(response).getJsonObject("components");
    JsonObject platform = components.getJsonObject("platform");
    assertThat(platform.getString("status")).isEqualTo("DOWN");
    assertThat(platform.getString("detail")).contains("admin client closed");
  }
}
