package dev.railyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.Outcome.Kind;
import dev.railyard.api.platform.UnavailableException;
import dev.railyard.api.platform.answers.ConnectorApplied;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConnectorRoutesTest {

  @RegisterExtension static final RunningApi api = new RunningApi();

  @Test
  void shouldPassNameAndConfigToThePlatformAndRenderItsAnswer() {
    api.platform().connectors.reply =
        Outcome.created(new ConnectorApplied("audit", true, Map.of("topics", "t")));

    HttpResponse<String> response =
        api.sendJson(
            "PUT",
            "/api/v1/connectors/audit",
            "{\"connector.class\": \"FileStreamSink\", \"topics\": \"t\"}");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(RunningApi.json(response).getString("name")).isEqualTo("audit");
    assertThat(api.platform().connectors.calls)
        .containsExactly("put audit {connector.class=FileStreamSink, topics=t, name=audit} null");
  }

  @Test
  void shouldRenderPlatformErrorsInTheErrorShapeWithDetails() {
    api.platform().connectors.reply =
        Outcome.refused(
            Kind.INVALID,
            "INVALID_CONFIG",
            "1 config error: topics: Missing required configuration",
            Map.of("errors", Map.of("topics", List.of("Missing required configuration"))));

    HttpResponse<String> response =
        api.sendJson("PUT", "/api/v1/connectors/audit", "{\"connector.class\": \"X\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonObject error = RunningApi.json(response).getJsonObject("error");
    assertThat(error.getString("code")).isEqualTo("INVALID_CONFIG");
    assertThat(
            error
                .getJsonObject("details")
                .getJsonObject("errors")
                .getJsonArray("topics")
                .getString(0))
        .isEqualTo("Missing required configuration");
  }

  @Test
  void shouldRefuseABodyThatIsNotAnObject() {
    HttpResponse<String> response = api.sendJson("PUT", "/api/v1/connectors/audit", "[1]");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(api.platform().connectors.calls).isEmpty();
  }

  @Test
  void shouldRefuseAConfigWithoutAConnectorClassBeforeAskingThePlatform() {
    HttpResponse<String> response =
        api.sendJson("PUT", "/api/v1/connectors/audit", "{\"topics\": \"t\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(RunningApi.json(response).getJsonObject("error").getString("code"))
        .isEqualTo("INVALID_CONFIG");
    assertThat(RunningApi.json(response).getJsonObject("error").getString("message"))
        .contains("'connector.class' is required");
    assertThat(api.platform().connectors.calls).isEmpty();
  }

  @Test
  void shouldMapActionsWithTheirOptions() {
    api.sendJson("POST", "/api/v1/connectors/audit/restart?includeTasks=true&onlyFailed=true", "");
    api.sendJson("POST", "/api/v1/connectors/audit/pause", "");

    assertThat(api.platform().connectors.calls)
        .containsExactly("restart audit {includeTasks=true, onlyFailed=true}", "pause audit {}");
  }

  @Test
  void shouldMapOffsetsReadAlterAndReset() {
    api.get("/api/v1/connectors/audit/offsets");
    api.sendJson(
        "PATCH",
        "/api/v1/connectors/audit/offsets",
        "{\"offsets\": [{\"partition\": {\"kafka_topic\": \"t\", \"kafka_partition\": 0},"
            + " \"offset\": {\"kafka_offset\": 5}}]}");
    api.send("DELETE", "/api/v1/connectors/audit/offsets", "", "application/json");

    assertThat(api.platform().connectors.calls)
        .containsExactly(
            "offsets audit",
            "changeOffsets audit {offsets=[{partition={kafka_topic=t, kafka_partition=0},"
                + " offset={kafka_offset=5}}]}",
            "changeOffsets audit null");
  }

  @Test
  void shouldExportYamlAndImportTheBodyAsText() {
    HttpResponse<String> exported = api.get("/api/v1/connectors:export");
    api.send("POST", "/api/v1/connectors:import", "name: b\n", "application/yaml");

    assertThat(exported.statusCode()).isEqualTo(200);
    assertThat(exported.headers().firstValue("content-type").orElse(""))
        .startsWith("application/yaml");
    assertThat(exported.body()).isEqualTo("name: a\n");
    assertThat(api.platform().connectors.calls).containsExactly("export", "import name: b\n");
  }

  @Test
  void shouldAnswer503WhenConnectCannotBeAsked() {
    api.platform().connectors.failure = new UnavailableException("no worker is running", null);

    HttpResponse<String> response = api.get("/api/v1/connectors");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(RunningApi.json(response).getJsonObject("error").getString("message"))
        .contains("no worker is running");
  }
}
