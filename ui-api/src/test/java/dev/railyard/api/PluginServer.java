package dev.railyard.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The plugin routes alone on a real Vert.x server per test class, in front of a {@link FakeCatalog}
 * reset before each test, with the requests the plugin tests send.
 */
final class PluginServer implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

  static final long LIMIT = 4096;
  static final int CONCURRENT_INSTALLS = 1;
  static final String BOUNDARY = "railyard-test-boundary";
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  final FakeCatalog catalog = new FakeCatalog();
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private Vertx vertx;
  private HttpServer server;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    ErrorRoutes errors = new ErrorRoutes(LIMIT);
    new PluginRoutes(vertx, catalog, LIMIT, CONCURRENT_INSTALLS).mount(router);
    router.route().failureHandler(errors::onFailure);
    router.errorHandler(404, errors::notFound);
    server =
        vertx
            .createHttpServer()
            .requestHandler(router)
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    catalog.reset();
  }

  HttpResponse<String> upload(String path, String fileName, byte[] content, String name) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (name != null) {
      body.writeBytes(
          ("--"
                  + BOUNDARY
                  + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n"
                  + name
                  + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(
        ("--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"file\";"
                + " filename=\""
                + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(
        request(path)
            .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
            .POST(BodyPublishers.ofByteArray(body.toByteArray())));
  }

  HttpResponse<String> postJson(String json) {
    return send(
        request("/api/v1/plugins")
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(BodyPublishers.ofString(json)));
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
        .timeout(TIMEOUT);
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    return exchange(request, BodyHandlers.ofString());
  }

  <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
    try {
      return client.send(request.build(), body);
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonObject error(HttpResponse<String> response) {
    return new JsonObject(response.body()).getJsonObject("error");
  }

  static List<Path> tempUploads() throws IOException {
    return tempFiles("railyard-plugin-");
  }

  static List<Path> tempArchives() throws IOException {
    return tempFiles("railyard-archive-");
  }

  private static List<Path> tempFiles(String prefix) throws IOException {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
    }
  }
}
