package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Connector configs reach only secrets.dir, the secrets variables and files.dir, on real workers:
 * every attack is refused before Connect resolves it, echoes nothing and creates nothing.
 */
@WithPlatform(
    workers = 1,
    settings = {"files.dir="}) // the default, <data.dir>/files
class ConnectorSecretsIT {

  private static final String MASK = "********";

  @Test
  void shouldRefuseOtherFilesAndVariablesOnEveryWriteAndValidationAndEchoNothing(ApiClient api)
      throws Exception {
    // what the references would resolve to
    List<String> secrets = new ArrayList<>();
    secrets.add("x:0:0:root"); // ${file:/etc/passwd:root} as a properties file
    secrets.add(Files.readAllLines(Path.of("/etc/passwd")).get(0));
    String home = System.getenv("HOME");
    if (home != null && home.length() > 1) {
      secrets.add("\"" + home + "\"");
    }
    for (String reference : List.of("${file:/etc/passwd:root}", "${env:HOME}")) {
      String config =
          """
          {"connector.class": "FileStreamSink", "topics": "%s", "file": "leak.jsonl"}"""
              .formatted(reference);
      List<ApiClient.Response> answers =
          List.of(
              api.put("/api/v1/connectors/leak", config),
              api.put("/connect/connectors/leak/config", config),
              api.post("/connect/connectors", "{\"name\": \"leak\", \"config\": " + config + "}"),
              api.put("/connect/connector-plugins/FileStreamSink/config/validate", config));

      for (ApiClient.Response answer : answers) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().path("error").path("code").asText())
            .isEqualTo("CONFIG_NOT_ALLOWED");
        assertThat(answer.body()).contains("topics");
        for (String secret : secrets) {
          assertThat(answer.body()).doesNotContain(secret);
        }
      }
    }
    assertThat(api.get("/connect/connectors").body()).doesNotContain("leak");
  }

  @Test
  void shouldRunAConnectorWhoseReferenceReadsAFileUnderTheSecretsFolder(ApiClient api, Path dataDir)
      throws Exception {
    Path secret = dataDir.resolve("secrets/sink.properties");
    Files.writeString(secret, "topic=railyard.bus.default\n");
    String reference = "${file:" + secret + ":topic}";

    ApiClient.Response put =
        api.put(
            "/api/v1/connectors/from-secret",
            """
            {"connector.class": "FileStreamSink", "topics": "%s", "file": "from-secret.jsonl"}"""
                .formatted(reference));

    assertThat(put.status()).as(put.body()).isEqualTo(201);
    ConnectorsApiIT.awaitState(api, "from-secret", "RUNNING");
    assertThat(put.json().path("config").path("topics").asText()).isEqualTo(reference);
    assertThat(put.json().path("config").path("file").asText())
        .isEqualTo(dataDir.resolve("files/from-secret.jsonl").toString());
    assertThat(api.delete("/api/v1/connectors/from-secret").status()).isEqualTo(200);
  }

  @Test
  void shouldKeepFileStreamConnectorsInTheFilesFolder(ApiClient api, Path dataDir)
      throws Exception {
    Path outside = Path.of("/tmp/outside");
    Files.deleteIfExists(outside);
    String out =
        """
        {"connector.class": "FileStreamSink", "topics": "railyard.bus.default", "file": "%s"}""";
    String rule =
        """
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: to-outside}
        spec:
          bus: default
          pattern: {type: ["x"]}
          targets: [{name: t, config: {connector.class: FileStreamSink, file: /tmp/outside}}]
        """;

    List<ApiClient.Response> refused =
        List.of(
            api.put("/api/v1/connectors/outside", out.formatted(outside)),
            api.put("/connect/connectors/outside/config", out.formatted(outside)),
            api.put("/api/v1/connectors/escape", out.formatted("../escape.jsonl")),
            api.post("/api/v1/rules:apply?file=outside.yaml", "application/yaml", rule));

    for (ApiClient.Response answer : refused) {
      assertThat(answer.status()).as(answer.body()).isEqualTo(400);
      assertThat(answer.body()).contains("files.dir");
    }
    assertThat(api.get("/connect/connectors").body())
        .doesNotContain("outside")
        .doesNotContain("escape");
    assertThat(api.get("/api/v1/rules/to-outside").status()).isEqualTo(404);
    assertThat(outside).doesNotExist();

    ApiClient.Response inside = api.put("/api/v1/connectors/inside", out.formatted("in.jsonl"));
    assertThat(inside.status()).as(inside.body()).isEqualTo(201);
    ConnectorsApiIT.awaitState(api, "inside", "RUNNING");
    assertThat(dataDir.resolve("files/in.jsonl")).exists();
    assertThat(api.delete("/api/v1/connectors/inside").status()).isEqualTo(200);
  }

  @Test
  void shouldKeepAMaskedSecretOnlyWhileItsUrlStaysTheSame(ApiClient api, Platform platform) {
    String config =
        """
        {"connector.class": "FileStreamSink", "topics": "railyard.bus.default",
         "file": "masked.jsonl", "http.url": "%s", "db.password": "%s", "batch.size": "%s"}""";
    ApiClient.Response created =
        api.put("/api/v1/connectors/masked", config.formatted("https://a.example/", "s3cret", "5"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    ApiClient worker = new ApiClient(platform.workers().connectRestUrl().orElseThrow());

    ApiClient.Response moved =
        api.put("/api/v1/connectors/masked", config.formatted("https://evil.example/", MASK, "5"));

    assertThat(moved.status()).as(moved.body()).isEqualTo(400);
    assertThat(moved.json().path("error").path("details").path("field").asText())
        .isEqualTo("http.url");
    assertThat(moved.body()).doesNotContain("s3cret");
    assertThat(
            await("the worker's config")
                .atMost(Duration.ofSeconds(60))
                .until(() -> worker.get("/connectors/masked/config"), r -> r.status() == 200)
                .json()
                .path("http.url")
                .asText())
        .isEqualTo("https://a.example/");

    ApiClient.Response kept =
        api.put("/api/v1/connectors/masked", config.formatted("https://a.example/", MASK, "7"));

    assertThat(kept.status()).as(kept.body()).isEqualTo(200);
    assertThat(kept.body()).doesNotContain("s3cret");
    // the worker answers 409 while it rebalances after the change: wait for the stored config
    var stored =
        await("the new config on the worker")
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> worker.get("/connectors/masked/config").json(),
                c -> c.path("batch.size").asText().equals("7"));
    assertThat(stored.path("db.password").asText()).isEqualTo("s3cret");
    assertThat(api.delete("/api/v1/connectors/masked").status()).isEqualTo(200);
  }
}
