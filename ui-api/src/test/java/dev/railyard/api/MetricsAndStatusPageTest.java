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
  void shouldShowABusLimitedTokenOnlyTheFiguresOfItsBuses() {
    api.registry().counter("railyard.events.published", "bus", "orders").increment();
    api.registry().counter("railyard.events.published", "bus", "payments").increment();
    api.registry()
        .gauge(
            "railyard.target.lag",
            io.micrometer.core.instrument.Tags.of("rule", "on-orders", "target", "t"),
            1.0);
    api.registry()
        .gauge(
            "railyard.target.lag",
            io.micrometer.core.instrument.Tags.of("rule", "on-payments", "target", "t"),
            2.0);
    api.registry()
        .gauge(
            "railyard.autoscale.lag.records",
            io.micrometer.core.instrument.Tags.of("connector", "railyard.to.on-payments.t"),
            3.0);
    api.registry()
        .gauge(
            "railyard.autoscale.lag.records",
            io.micrometer.core.instrument.Tags.of("connector", "railyard.to.on-orders.t"),
            4.0);
    api.registry()
        .gauge(
            "railyard.autoscale.lag.records",
            io.micrometer.core.instrument.Tags.of("connector", "hosted-sink"),
            5.0);
    api.platform().rules.buses.put("on-orders", "orders");
    api.platform().rules.buses.put("on-payments", "payments");
    api.platform().rules.buses.put("railyard.to.on-orders.t", "orders");
    api.platform().rules.buses.put("railyard.to.on-payments.t", "payments");
    String token =
        api.security()
            .limitedTo(
                dev.railyard.api.security.Role.VIEWER, "orders-viewer", java.util.Set.of("orders"));

    String limited =
        api.exchange(
                api.anonymous("/metrics").header("Authorization", "Bearer " + token).GET(),
                java.net.http.HttpResponse.BodyHandlers.ofString())
            .body();
    String all = api.get("/metrics").body();

    assertThat(limited)
        .contains("bus=\"orders\"", "rule=\"on-orders\"", "railyard_http_server_requests")
        .contains("connector=\"railyard.to.on-orders.t\"")
        .doesNotContain("payments")
        .doesNotContain("hosted-sink");
    assertThat(all).contains("bus=\"payments\"", "rule=\"on-payments\"");
  }

  @Test
  void shouldServeTheDashboardAtTheRoot() {
    HttpResponse<String> page = api.get("/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.body()).contains("<title>Railyard</title>", "ui/main.js");
  }

  @Test
  void shouldServeTheDashboardModules() {
    HttpResponse<String> script = api.get("/ui/pages/connector-form.js");

    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).contains("javascript"));
    assertThat(script.body()).contains("api/v1/connectors:validate");
  }

  @Test
  void shouldServeTheVendorLibrariesFromTheirWebjars() {
    HttpResponse<String> charts = api.get("/ui/vendor/uplot.js");
    HttpResponse<String> editor = api.get("/ui/vendor/codemirror-yaml.js");

    assertThat(charts.statusCode()).isEqualTo(200);
    assertThat(charts.body()).contains("uPlot");
    assertThat(editor.statusCode()).isEqualTo(200);
    assertThat(editor.body()).contains("defineMode(\"yaml\"");
  }

  @Test
  void shouldNotServeFilesOutsideTheListedOnes() {
    assertThat(api.get("/ui/vendor/package.json").statusCode()).isEqualTo(404);
    assertThat(api.get("/ui/../openapi.json").statusCode()).isIn(400, 404);
    assertThat(api.get("/ui/main.txt").statusCode()).isEqualTo(404);
  }
}
