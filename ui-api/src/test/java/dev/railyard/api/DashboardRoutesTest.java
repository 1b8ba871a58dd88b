package dev.railyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The two routes the dashboard added: a config validated as a form, and a bus's tail. */
class DashboardRoutesTest {

  @RegisterExtension static final RunningApi api = new RunningApi();

  @BeforeEach
  void clear() {
    api.platform().tail.asked.clear();
  }

  @Test
  void shouldValidateADraftWithoutANameAndPassTheConnectorBeingEdited() {
    HttpResponse<String> draft =
        api.sendJson(
            "POST", "/api/v1/connectors:validate", "{\"connector.class\": \"FileStreamSink\"}");
    HttpResponse<String> edit =
        api.sendJson(
            "POST",
            "/api/v1/connectors:validate?name=audit",
            "{\"config\": {\"connector.class\": \"FileStreamSink\", \"file\": \"a\"}}");

    assertThat(draft.statusCode()).isEqualTo(200);
    assertThat(edit.statusCode()).isEqualTo(200);
    assertThat(api.platform().connectors.calls)
        .containsExactly(
            "validate null {connector.class=FileStreamSink}",
            "validate audit {connector.class=FileStreamSink, file=a}");
  }

  @Test
  void shouldRefuseADraftWithoutAClassNamingIt() {
    HttpResponse<String> response =
        api.sendJson("POST", "/api/v1/connectors:validate", "{\"topics\": \"t\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("connector.class");
    assertThat(api.platform().connectors.calls).isEmpty();
  }

  @Test
  void shouldPassATailsBoundsAndCursorToThePlatform() {
    HttpResponse<String> response =
        api.get("/api/v1/buses/orders/events?limit=20&scan=100&after=0:5&pattern=%7B%7D");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(api.platform().tail.asked)
        .containsExactly("[] Request[bus=orders, patternJson={}, limit=20, scan=100, after=0:5]");
  }

  @Test
  void shouldRefuseATailOverItsBoundsNamingTheParameter() {
    HttpResponse<String> tooMany = api.get("/api/v1/buses/orders/events?limit=5000");
    HttpResponse<String> notANumber = api.get("/api/v1/buses/orders/events?scan=lots");

    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(
            RunningApi.json(tooMany)
                .getJsonObject("error")
                .getJsonObject("details")
                .getString("field"))
        .isEqualTo("limit");
    assertThat(notANumber.statusCode()).isEqualTo(400);
    assertThat(notANumber.body()).contains("scan", "lots");
    assertThat(api.platform().tail.asked).isEmpty();
  }
}
