package dev.railyard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MetricsAndStatusPageTest {

  @RegisterExtension static final RunningApi api = new RunningApi();

  @Test
  void shouldExposeTheHttpTimerByRouteTemplateInPrometheusFormat() {
    api.get("/health");
    api.get("/no/such/path/42");

    // the timer is recorded when the response ends, which may be just after the client saw it
    await("the /health request to show up in /metrics")
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              HttpResponse<String> metrics = api.get("/metrics");
              assertThat(metrics.statusCode()).isEqualTo(200);
              assertThat(metrics.headers().firstValue("content-type"))
                  .hasValue("text/plain; version=0.0.4; charset=utf-8");
              assertThat(metrics.body())
                  .contains(
                      "railyard_http_server_requests_seconds_count"
                          + "{method=\"GET\",route=\"/health\",status=\"200\"}")
                  .contains("route=\"NOT_FOUND\",status=\"404\"")
                  .doesNotContain("/no/such/path/42");
            });
  }

  @Test
  void shouldServeTheStatusPageAtTheRoot() {
    HttpResponse<String> page = api.get("/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.body()).contains("<title>Railyard</title>", "app.js");
  }

  @Test
  void shouldServeTheStatusPageScript() {
    HttpResponse<String> script = api.get("/app.js");

    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).contains("javascript"));
    assertThat(script.body()).contains("api/v1/workers", "connect/connectors");
  }
}
