package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@WithPlatform(workers = 1)
class ConnectorsApiIT {

  @Test
  void shouldRefuseAWrongValueWithTheConnectorsOwnErrorAndCreateNothing(ApiClient api) {
    ApiClient.Response put =
        api.put(
            "/api/v1/connectors/bad-sink",
            """
        {"connector.class": "FileStreamSink", "topics": "railyard.bus.default",
         "tasks.max": "zero"}""");

    assertThat(put.status()).as(put.body()).isEqualTo(400);
    JsonNode error = put.json().get("error");
    assertThat(error.get("code").asText()).isEqualTo("INVALID_CONFIG");
    assertThat(error.get("details").get("errors").get("tasks.max").get(0).asText())
        .contains("Invalid value zero for configuration tasks.max");
    assertThat(api.get("/connect/connectors").body()).doesNotContain("bad-sink");
  }

  @Test
  void shouldRefuseAnUnknownConnectorClass(ApiClient api) {
    ApiClient.Response put =
        api.put(
            "/api/v1/connectors/nope",
            "{\"connector.class\": \"NoSuchConnector\", \"topics\": \"t\"}");

    assertThat(put.status()).isEqualTo(400);
    assertThat(put.json().get("error").get("code").asText()).isEqualTo("UNKNOWN_PLUGIN");
    assertThat(api.get("/connect/connectors").body()).doesNotContain("nope");
  }

  @Test
  void shouldCreateListPauseResumeStopAndDeleteAConnector(ApiClient api, Path dataDir) {
    // given a connector created paused
    String file = dataDir.resolve("life.jsonl").toString();
    ApiClient.Response created =
        api.put(
            "/api/v1/connectors/life",
            """
        {"config": {"connector.class": "FileStreamSink", "topics": "railyard.bus.default",
                    "file": "%s"},
         "initial_state": "PAUSED"}"""
                .formatted(file));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("created").asBoolean()).isTrue();
    awaitState(api, "life", "PAUSED");

    // when it is resumed, it runs with its task; the list shows it in one call
    assertThat(api.post("/api/v1/connectors/life/resume", "").status()).isEqualTo(202);
    awaitState(api, "life", "RUNNING");
    JsonNode listed = findIn(api.get("/api/v1/connectors").json(), "life");
    assertThat(listed.get("type").asText()).isEqualTo("sink");
    assertThat(listed.get("tasks")).hasSize(1);

    // and a second PUT replaces the config in place
    ApiClient.Response replaced =
        api.put(
            "/api/v1/connectors/life",
            """
        {"connector.class": "FileStreamSink", "topics": "railyard.bus.default",
         "file": "%s", "batch.size": "10"}"""
                .formatted(file));
    assertThat(replaced.status()).isEqualTo(200);
    assertThat(replaced.json().get("created").asBoolean()).isFalse();

    // then it can be stopped, its offsets read and reset, and deleted
    assertThat(api.post("/api/v1/connectors/life/stop", "").status()).isEqualTo(202);
    awaitState(api, "life", "STOPPED");
    assertThat(api.get("/api/v1/connectors/life/offsets").status()).isEqualTo(200);
    ApiClient.Response reset = api.delete("/api/v1/connectors/life/offsets");
    assertThat(reset.status()).as(reset.body()).isEqualTo(200);
    assertThat(api.delete("/api/v1/connectors/life").status()).isEqualTo(200);
    assertThat(api.get("/api/v1/connectors/life").status()).isEqualTo(404);
  }

  @Test
  void shouldMaskSecretsInEveryAnswerAndKeepThemOnAMaskedUpdate(
      ApiClient api, Path dataDir, Platform platform) throws Exception {
    // given a connector holding a declared PASSWORD key and a secret-named key
    String marker = dataDir.resolve("never-created").toString();
    ApiClient.Response created =
        api.put(
            "/api/v1/connectors/secretive",
            """
        {"connector.class": "dev.railyard.host.testplugins.FlakySinkConnector",
         "topics": "railyard.bus.default", "flaky.marker": "%s",
         "flaky.password": "hunter2", "api.token": "t0ken",
         "db.password": "${env:RAILYARD_SECRET_DB}"}"""
                .formatted(marker));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    await("secretive listed")
        .atMost(Duration.ofSeconds(30))
        .until(() -> api.get("/api/v1/connectors").body().contains("secretive"));

    // then no answer of the API holds them in clear
    for (String body :
        new String[] {
          created.body(),
          api.get("/api/v1/connectors").body(),
          api.get("/api/v1/connectors/secretive").body(),
          api.get("/api/v1/connectors:export").body(),
          api.get("/connect/connectors/secretive/config").body(),
          api.get("/connect/connectors/secretive").body(),
          api.get("/connect/connectors?expand=info").body()
        }) {
      assertThat(body)
          .doesNotContain("hunter2")
          .doesNotContain("t0ken")
          .contains("${env:RAILYARD_SECRET_DB}");
    }

    // and sending the masked config back keeps the secrets Connect holds
    ApiClient.Response updated =
        api.put(
            "/api/v1/connectors/secretive",
            """
        {"connector.class": "dev.railyard.host.testplugins.FlakySinkConnector",
         "topics": "railyard.bus.default", "flaky.marker": "%s",
         "flaky.password": "********", "api.token": "********"}"""
                .formatted(marker));
    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    // (asked of the worker itself: Railyard's own pass-through masks them too)
    ApiClient worker = new ApiClient(platform.workers().connectRestUrl().orElseThrow());
    // (the update restarts the connector; a worker mid-rebalance answers 409 for a moment)
    JsonNode raw =
        await("the worker answers with the connector's config")
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> worker.get("/connectors/secretive/config"),
                response -> response.status() == 200)
            .json();
    assertThat(raw.get("flaky.password").asText()).isEqualTo("hunter2");
    assertThat(raw.get("api.token").asText()).isEqualTo("t0ken");
    api.delete("/api/v1/connectors/secretive");

    // and the workers' logs never held them either
    try (var logs = Files.list(dataDir.resolve("logs"))) {
      for (Path log : logs.toList()) {
        assertThat(Files.readString(log))
            .as(log.toString())
            .doesNotContain("hunter2")
            .doesNotContain("t0ken");
      }
    }
  }

  @Test
  void shouldImportAllOrNothingAndExportWhatRuns(ApiClient api, Path dataDir) {
    String file = dataDir.resolve("imported.jsonl").toString();
    String good =
        """
        ---
        name: imported-a
        config:
          connector.class: FileStreamSink
          topics: railyard.bus.default
          file: %s
        """
            .formatted(file);
    String bad =
        """
        ---
        name: imported-b
        config:
          connector.class: FileStreamSink
          topics: railyard.bus.default
          tasks.max: many
        """;

    ApiClient.Response refused = api.post("/api/v1/connectors:import", good + bad);
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().get("error").get("details").get("connectors").has("imported-b"))
        .isTrue();
    assertThat(api.get("/api/v1/connectors/imported-a").status()).isEqualTo(404);

    ApiClient.Response imported = api.post("/api/v1/connectors:import", good);
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    awaitState(api, "imported-a", "RUNNING");
    assertThat(api.get("/api/v1/connectors:export").body())
        .contains("name: imported-a")
        .contains("file: " + file);
    api.delete("/api/v1/connectors/imported-a");
  }

  @Test
  void shouldPointAtTheLineOfAYamlSyntaxError(ApiClient api) {
    ApiClient.Response refused =
        api.post("/api/v1/connectors:import", "name: x\nconfig:\n  a: [unclosed\n");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("error").get("message").asText()).contains("line");
  }

  @Test
  void shouldAnswer404ForAnUnknownConnectorOrAction(ApiClient api) {
    assertThat(api.get("/api/v1/connectors/ghost").status()).isEqualTo(404);
    assertThat(api.post("/api/v1/connectors/ghost/pause", "").status()).isEqualTo(404);
    assertThat(
            api.post("/api/v1/connectors/ghost/dance", "")
                .json()
                .get("error")
                .get("message")
                .asText())
        .contains("valid actions: pause, resume, stop, restart");
  }

  static void awaitState(ApiClient api, String name, String state) {
    awaitState(api, name, state, true);
  }

  /** Waits for the connector's state, and for its first task's too when {@code withTask}. */
  static void awaitState(ApiClient api, String name, String state, boolean withTask) {
    await(name + " " + state)
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              JsonNode view = api.get("/api/v1/connectors/" + name).json();
              // a connector created paused or stopped has no running tasks to show
              return state.equals(view.path("state").asText())
                  && (!withTask
                      || !state.equals("RUNNING")
                      || view.path("tasks").size() > 0
                          && view.path("tasks").get(0).path("state").asText().equals(state));
            });
  }

  private static JsonNode findIn(JsonNode list, String name) {
    for (JsonNode c : list) {
      if (c.get("name").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError(name + " not in " + list);
  }
}
