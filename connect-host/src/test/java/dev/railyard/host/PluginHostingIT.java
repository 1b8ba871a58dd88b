package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.host.plugins.TestPlugins;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

@WithPlatform(workers = 1)
class PluginHostingIT {

  @Test
  void shouldMakeAnUploadedPluginUsableWithoutRestartAndLoseNoEventMeanwhile(
      Platform platform, ApiClient api, Path dataDir) throws Exception {
    // given a running sink fed with events all along
    Path file = dataDir.resolve("during-rollout.jsonl");
    api.post("/api/v1/events", "[{\"bus\":\"rollout\",\"source\":\"s\",\"type\":\"warmup\"}]");
    assertThat(
            api.put(
                    "/api/v1/connectors/steady",
                    """
        {"connector.class": "FileStreamSink", "topics": "railyard.bus.rollout", "file": "%s"}"""
                        .formatted(file))
                .status())
        .isEqualTo(201);
    Set<String> sent = ConcurrentHashMap.newKeySet();
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Void> producer =
        CompletableFuture.runAsync(
            () -> {
              for (int batch = 0; batch < 3000 && !stop.get(); batch++) {
                ApiClient.Response put =
                    api.post(
                        "/api/v1/events",
                        "[{\"bus\":\"rollout\",\"source\":\"s\",\"type\":\"t\",\"data\":"
                            + batch
                            + "}]");
                assertThat(put.status()).isEqualTo(200);
                sent.addAll(put.json().findValuesAsText("eventId"));
              }
            });

    String workerBefore = workerName(api);

    // when a plugin the workers have never seen is uploaded as a ZIP
    HttpResponse<String> uploaded =
        ConnectorPlugins.upload(
            platform,
            "/api/v1/plugins",
            "demo-sink.zip",
            zipOf("demo-sink/demo-sink.jar", TestPlugins.sinkJar("2.1", false)));
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);

    // then the workers are replaced one by one, and the plugin can be used
    await("the rolling restart done")
        .atMost(Duration.ofSeconds(120))
        .until(
            () -> {
              JsonNode rollout = api.get("/api/v1/workers").json().path("rollout");
              assertThat(rollout.path("state").asText()).isNotEqualTo("FAILED");
              return rollout.path("state").asText().equals("DONE");
            });
    ApiClient.Response created =
        api.put(
            "/api/v1/connectors/demo",
            "{\"connector.class\": \""
                + TestPlugins.SINK
                + "\", \"topics\": \"railyard.bus.rollout\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    ConnectorsApiIT.awaitState(api, "demo", "RUNNING", false);
    assertThat(api.get("/api/v1/plugins").body()).contains(TestPlugins.SINK);

    // and every event acknowledged while the workers were replaced reached the sink
    stop.set(true);
    producer.get(60, TimeUnit.SECONDS);
    assertThat(sent).isNotEmpty();
    await(sent.size() + " events in " + file)
        .atMost(Duration.ofSeconds(90))
        .until(() -> EventIds.in(file).containsAll(sent));
    assertThat(workerName(api)).isNotEqualTo(workerBefore);
  }

  // the pool names a replacement after a free slot, so the names alternate between restarts
  private static String workerName(ApiClient api) {
    return api.get("/api/v1/workers").json().path("workers").get(0).path("name").asText();
  }

  @Test
  void shouldRunTwoVersionsOfAPluginSideBySide(Platform platform, ApiClient api) throws Exception {
    // given two versions of one plugin, installed side by side
    for (String version : new String[] {"3.0", "3.1"}) {
      HttpResponse<String> uploaded =
          ConnectorPlugins.upload(
              platform,
              "/api/v1/plugins?name=versioned",
              "versioned-" + version + ".jar",
              TestPlugins.sinkJar(version, true));
      assertThat(uploaded.statusCode()).as(uploaded.body()).isIn(200, 201);
    }
    assertThat(api.get("/api/v1/plugins/versioned").json().findValuesAsText("version"))
        .contains("3.0", "3.1");
    await("the workers restarted with both versions")
        .atMost(Duration.ofSeconds(180))
        .until(() -> rolledOutWith(api, "\"3.0\""));

    // when a connector pins the older one (KIP-891)
    ApiClient.Response created =
        api.put(
            "/api/v1/connectors/pinned",
            "{\"connector.class\": \""
                + TestPlugins.SINK
                + "\", \"connector.plugin.version\": \"3.0\","
                + " \"topics\": \"railyard.bus.rollout\"}");

    // then it runs that version, while the newer one is there too
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    await("pinned connector running version 3.0")
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              JsonNode status = api.get("/connect/connectors/pinned/status").json();
              return status.path("connector").path("state").asText().equals("RUNNING")
                  && status.path("connector").path("version").asText().equals("3.0");
            });
  }

  @Test
  void shouldRunAnUploadedPluginOnlyOnTheWorkersRestartedToInstallIt(
      Platform platform, ApiClient api) throws Exception {
    // given a plugin whose static initialiser leaves a file named by the pid of its JVM
    Path markers = TestPlugins.markerFolder();
    Path controlPlane = markers.resolve(String.valueOf(ProcessHandle.current().pid()));
    assertThat(markers).as("no JVM has run the plugin before its upload").doesNotExist();

    // when an admin uploads it
    HttpResponse<String> uploaded =
        ConnectorPlugins.upload(
            platform, "/api/v1/plugins", "marker-1.0.jar", TestPlugins.markerJar("1.0"));

    // then the control plane found its connector without running any of its code
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
    assertThat(uploaded.body()).contains(TestPlugins.MARKER_SINK);
    assertThat(controlPlane).doesNotExist();

    // and the workers restarted to install it load it, in their own JVMs
    await("a worker JVM loaded the installed plugin")
        .atMost(Duration.ofSeconds(120))
        .until(() -> rolledOutWith(api, TestPlugins.MARKER_SINK));
    try (Stream<Path> files = Files.list(markers)) {
      assertThat(files.toList()).isNotEmpty().doesNotContain(controlPlane);
    }
  }

  @Test
  void shouldRefuseAZipSlipUploadAndLeaveTheStoreAsItWas(Platform platform, ApiClient api)
      throws Exception {
    String before = api.get("/api/v1/plugins").body();

    HttpResponse<String> refused =
        ConnectorPlugins.upload(
            platform,
            "/api/v1/plugins",
            "evil.zip",
            zipOf("../evil.jar", TestPlugins.sinkJar("6.6.6", true)));

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("ZIP_SLIP");
    assertThat(api.get("/api/v1/plugins").body()).isEqualTo(before);
  }

  private static byte[] zipOf(String entry, byte[] content) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
      zip.putNextEntry(new java.util.zip.ZipEntry(entry));
      zip.write(content);
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }

  /**
   * Whether the rolling restart is done and the workers list a plugin class holding {@code text}.
   */
  private static boolean rolledOutWith(ApiClient api, String text) {
    return api.get("/api/v1/workers").json().path("rollout").path("state").asText().equals("DONE")
        && api.get("/connect/connector-plugins?connectorsOnly=true").body().contains(text);
  }
}
