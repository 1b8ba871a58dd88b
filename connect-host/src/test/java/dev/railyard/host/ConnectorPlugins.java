package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.stream.Stream;

/**
 * Installs plugins into a platform the way a user does: an archive uploaded through {@code POST
 * /api/v1/plugins}, or Maven coordinates given to it. Railyard's own connectors come as their
 * {@code <artifactId>-<version>-plugin.zip} (connect-host's pom copies them into {@code
 * railyard.connector.plugins}), never from the test class path, so an IT runs what a user installs.
 */
final class ConnectorPlugins {

  /** The platforms every connector archive was uploaded to. */
  private static final Set<Platform> UPLOADED =
      Collections.newSetFromMap(Collections.synchronizedMap(new WeakHashMap<>()));

  /** The connector module on every worker's class path, whose archive is uploaded only if asked. */
  private static final String ON_WORKER_CLASS_PATH = "railyard-http-sink";

  /**
   * The platform the connector ITs share ({@code shared = "connectors"}) runs its workers with
   * Connect's exactly-once source support, as a user running the log source would.
   */
  static final String EXACTLY_ONCE = "worker.exactly.once.source.support=enabled";

  private ConnectorPlugins() {}

  /**
   * Makes sure the plugin archive of one of Railyard's connector modules, say {@code
   * railyard-log-source}, is installed, and waits until the rolling restart is done and the workers
   * list {@code connectorClass}. The first call on a platform uploads every connector archive there
   * is, one after the other, so that the connector ITs sharing a platform wait for one or two
   * rolling restarts rather than one each; later calls on that platform upload nothing (the
   * Kubernetes source's archive alone is about 20 MB to send, unpack and scan again).
   */
  static void install(Platform platform, ApiClient api, String artifactId, String connectorClass) {
    Path asked = archiveOf(artifactId); // fail early, naming the missing dependency
    if (!UPLOADED.contains(platform) || !archives().contains(asked)) {
      uploadAll(platform, asked);
      UPLOADED.add(platform);
    }
    awaitListed(api, connectorClass);
  }

  private static void uploadAll(Platform platform, Path asked) {
    List<Path> uploads = new ArrayList<>(archives());
    if (!uploads.contains(asked)) {
      uploads.add(asked);
    }
    for (Path archive : uploads) {
      try {
        HttpResponse<String> uploaded =
            upload(
                platform,
                "/api/v1/plugins",
                archive.getFileName().toString(),
                Files.readAllBytes(archive));
        assertThat(uploaded.statusCode()).as(archive + ": " + uploaded.body()).isIn(200, 201);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Installs a plugin from Maven coordinates, {@code {"maven": "g:a:v[:classifier][@type]"}}, and
   * waits until the workers list {@code connectorClass}; the install's answer.
   */
  static ApiClient.Response installMaven(ApiClient api, String coordinates, String connectorClass) {
    ApiClient.Response installed =
        api.post("/api/v1/plugins", "{\"maven\": \"" + coordinates + "\"}");
    assertThat(installed.status()).as(installed.body()).isIn(200, 201);
    awaitListed(api, connectorClass);
    return installed;
  }

  private static void awaitListed(ApiClient api, String connectorClass) {
    await(connectorClass + " listed by the workers after the rolling restart")
        .atMost(Duration.ofSeconds(180))
        .until(
            () -> {
              String state =
                  api.get("/api/v1/workers").json().path("rollout").path("state").asText();
              assertThat(state).as("the rolling restart").isNotEqualTo("FAILED");
              return state.equals("DONE")
                  && api.get("/connect/connector-plugins?connectorsOnly=true")
                      .body()
                      .contains(connectorClass);
            });
  }

  /**
   * The archives of Railyard's connectors but the HTTP sink's: the workers have the HTTP sink on
   * their class path, and the ITs use it from there, as users of Railyard do.
   */
  private static List<Path> archives() {
    try (Stream<Path> files = Files.list(dir())) {
      return files
          .filter(f -> f.getFileName().toString().endsWith("-plugin.zip"))
          .filter(f -> !f.getFileName().toString().startsWith(ON_WORKER_CLASS_PATH + "-"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir(), e);
    }
  }

  private static Path dir() {
    return Path.of(System.getProperty("railyard.connector.plugins", "target/connector-plugins"));
  }

  /** The plugin archive of a connector module, as its build made it. */
  static Path archiveOf(String artifactId) {
    Path dir =
        Path.of(System.getProperty("railyard.connector.plugins", "target/connector-plugins"));
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith(artifactId + "-"))
          .filter(f -> f.getFileName().toString().endsWith("-plugin.zip"))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "no "
                          + artifactId
                          + "-*-plugin.zip in "
                          + dir
                          + ": connect-host's pom needs the module as a pom dependency and in"
                          + " copy-connector-plugins, and the build must reach verify"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** A multipart upload of one file, with the admin token. */
  static HttpResponse<String> upload(
      Platform platform, String path, String fileName, byte[] content)
      throws IOException, InterruptedException {
    String boundary = "railyard-it-boundary";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.write(content);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(platform.apiUrl() + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Bearer " + ApiClient.adminToken(platform))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
