package dev.railyard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.railyard.api.platform.Outcome.Kind;
import dev.railyard.api.platform.PluginCatalog.PluginClassInfo;
import dev.railyard.api.platform.PluginCatalog.PluginVersion;
import dev.railyard.api.platform.PluginCatalog.Refused;
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
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PluginRoutesTest {

  static final long LIMIT = 4096;
  static final String BOUNDARY = "railyard-test-boundary";
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  static Vertx vertx;
  static HttpServer server;
  static final FakeCatalog catalog = new FakeCatalog();
  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void startServer() throws Exception {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    ErrorRoutes errors = new ErrorRoutes(LIMIT);
    new PluginRoutes(vertx, catalog, LIMIT).mount(router);
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

  @AfterAll
  static void stopServer() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void resetCatalog() {
    catalog.reset();
  }

  @Test
  void shouldStreamTheUploadToTheCatalogAndAnswerCreated() {
    // given
    byte[] jar = "jar bytes".getBytes(StandardCharsets.UTF_8);

    // when
    HttpResponse<String> response = upload("/api/v1/plugins", "jdbc-sink-1.2.jar", jar, null);

    // then
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().firstValue("Location")).contains("/api/v1/plugins/jdbc-sink-1.2");
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("name")).isEqualTo("jdbc-sink-1.2");
    assertThat(body.getBoolean("alreadyPresent")).isFalse();
    assertThat(body.getJsonArray("classes").getJsonObject(0).getString("type")).isEqualTo("sink");
    FakeCatalog.Call call = catalog.installs.get(0);
    assertThat(call.content()).isEqualTo(jar);
    assertThat(call.fileName()).isEqualTo("jdbc-sink-1.2.jar");
    assertThat(call.maxBytes()).isEqualTo(LIMIT);
    assertThat(call.archive()).doesNotExist();
  }

  @Test
  void shouldTakeTheNameFromTheFormAndAnswerOkWhenAlreadyPresent() {
    catalog.alreadyPresent = true;

    HttpResponse<String> response =
        upload("/api/v1/plugins", "connector.tar.gz", new byte[10], "my-plugin");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(response.body()).getBoolean("alreadyPresent")).isTrue();
    assertThat(catalog.installs.get(0).name()).isEqualTo("my-plugin");
  }

  @Test
  void shouldRefuseAnUploadOverTheLimitWithoutCallingTheCatalogOrKeepingAFile() throws Exception {
    List<Path> before = tempUploads();

    HttpResponse<String> response =
        upload("/api/v1/plugins", "big.zip", new byte[(int) LIMIT + 1], null);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(error(response).getString("code")).isEqualTo("TOO_LARGE");
    assertThat(error(response).getString("message")).contains("limit of 4096 bytes");
    assertThat(catalog.installs).isEmpty();
    assertThat(tempUploads()).isEqualTo(before);
  }

  @Test
  void shouldRefuseAFileThatIsNoArchive() {
    HttpResponse<String> response = upload("/api/v1/plugins", "notes.txt", new byte[3], null);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error(response).getString("code")).isEqualTo("UNSUPPORTED_ARCHIVE_TYPE");
    assertThat(error(response).getString("message")).contains("'notes.txt'", ".tar.gz");
    assertThat(catalog.installs).isEmpty();
  }

  @Test
  void shouldRefuseABodyThatIsNotMultipart() {
    HttpResponse<String> response =
        send(
            request("/api/v1/plugins")
                .header("Content-Type", "application/octet-stream")
                .POST(BodyPublishers.ofByteArray(new byte[5])));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error(response).getString("code")).isEqualTo("INVALID_UPLOAD");
  }

  @Test
  void shouldAnswerEachCatalogRefusalWithItsStatusAndCode() {
    assertRefusal(new Refused(Kind.INVALID, "ZIP_SLIP", "entry '../evil.jar' escapes"), 400);
    assertRefusal(new Refused(Kind.CONFLICT, "CONFLICT", "version 1.0 exists"), 409);
    assertRefusal(new Refused(Kind.TOO_LARGE, "TOO_LARGE", "unpacks to more"), 413);
  }

  private void assertRefusal(Refused refusal, int status) {
    catalog.refusal = refusal;
    HttpResponse<String> response = upload("/api/v1/plugins", "p.zip", new byte[4], null);
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(error(response).getString("code")).isEqualTo(refusal.code());
    assertThat(error(response).getString("message")).isEqualTo(refusal.getMessage());
    assertThat(catalog.installs.get(catalog.installs.size() - 1).archive()).doesNotExist();
  }

  @Test
  void shouldInstallFromMavenCoordinatesAndAnswerCreated() {
    // when
    HttpResponse<String> response = postJson("{\"maven\": \" com.example:demo-sink:1.0 \"}");

    // then
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().firstValue("Location")).contains("/api/v1/plugins/demo-sink");
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("name")).isEqualTo("demo-sink");
    assertThat(body.getBoolean("alreadyPresent")).isFalse();
    assertThat(catalog.mavenInstalls)
        .containsExactly(new FakeCatalog.MavenCall("com.example:demo-sink:1.0", null, LIMIT));
  }

  @Test
  void shouldPassTheGivenNameAndAnswerOkWhenAlreadyPresent() {
    catalog.alreadyPresent = true;

    HttpResponse<String> response =
        postJson("{\"maven\": \"com.example:demo-sink:1.0\", \"name\": \"demo\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(response.body()).getBoolean("alreadyPresent")).isTrue();
    assertThat(catalog.mavenInstalls.get(0).name()).isEqualTo("demo");
  }

  @Test
  void shouldRefuseMalformedCoordinatesNamingTheFieldWithoutCallingTheCatalog() {
    for (String body :
        List.of(
            "{\"maven\": \"com.example:demo-sink\"}",
            "{\"maven\": 3}",
            "{\"name\": \"x\"}",
            "{\"maven\": \"a:b:c:d\"}")) {
      HttpResponse<String> response = postJson(body);

      assertThat(response.statusCode()).as(body).isEqualTo(400);
      assertThat(error(response).getString("code")).isEqualTo("INVALID_COORDINATES");
      assertThat(error(response).getString("message"))
          .contains("'maven'", "group:artifact:version");
      assertThat(error(response).getJsonObject("details").getString("field")).isEqualTo("maven");
    }
    assertThat(catalog.mavenInstalls).isEmpty();
  }

  @Test
  void shouldRefuseUnknownFieldsAndBodiesThatAreNoObject() {
    HttpResponse<String> unknown = postJson("{\"maven\": \"g:a:1\", \"version\": \"2\"}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(error(unknown).getString("message")).contains("Unknown field 'version'");

    HttpResponse<String> array = postJson("[\"g:a:1\"]");
    assertThat(array.statusCode()).isEqualTo(400);
    assertThat(error(array).getString("code")).isEqualTo("INVALID_BODY");

    HttpResponse<String> malformed = postJson("{\"maven\": ");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(error(malformed).getString("code")).isEqualTo("MALFORMED_JSON");
    assertThat(catalog.mavenInstalls).isEmpty();
  }

  @Test
  void shouldAnswerMavenRefusalsWithTheirStatus() {
    catalog.refusal =
        new Refused(
            Kind.NOT_FOUND,
            "NOT_FOUND",
            "Maven artifact g:a:1 was not found in central (https://repo.maven.apache.org/maven2)");
    HttpResponse<String> missing = postJson("{\"maven\": \"g:a:1\"}");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(error(missing).getString("message")).contains("central");

    catalog.refusal = new Refused(Kind.UNAVAILABLE, "UNAVAILABLE", "could not be reached");
    HttpResponse<String> down = postJson("{\"maven\": \"g:a:1\"}");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(error(down).getString("code")).isEqualTo("UNAVAILABLE");
  }

  @Test
  void shouldListPluginsWithTheirVersionsAndClasses() {
    catalog.versions.addAll(
        List.of(version("demo", "1.0"), version("demo", "2.0"), version("smt", "0.9")));

    HttpResponse<String> response = send(request("/api/v1/plugins").GET());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getInteger("count")).isEqualTo(2);
    JsonObject demo = body.getJsonArray("plugins").getJsonObject(0);
    assertThat(demo.getString("name")).isEqualTo("demo");
    assertThat(demo.getJsonArray("versions")).hasSize(2);
    assertThat(demo.getJsonArray("versions").getJsonObject(1))
        .isEqualTo(
            new JsonObject()
                .put("version", "2.0")
                .put(
                    "classes",
                    new io.vertx.core.json.JsonArray()
                        .add(
                            new JsonObject()
                                .put("class", "com.example.DemoSink")
                                .put("type", "sink")
                                .put("version", "2.0")))
                .put("sha256", "ab".repeat(32))
                .put("installedAt", "2026-11-26T12:00:00Z")
                .put("archiveBytes", 1234)
                .put("archiveType", "JAR"));
  }

  @Test
  void shouldShowOnePluginOrAnswerNotFound() {
    catalog.versions.add(version("demo", "1.0"));

    assertThat(send(request("/api/v1/plugins/demo").GET()).statusCode()).isEqualTo(200);
    HttpResponse<String> missing = send(request("/api/v1/plugins/nope").GET());
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(error(missing).getString("message")).contains("'nope'");
  }

  @Test
  void shouldDeleteAVersionOrRefuseWhileInUse() {
    catalog.versions.addAll(List.of(version("demo", "1.0"), version("demo", "2.0")));

    HttpResponse<String> deleted = send(request("/api/v1/plugins/demo?version=1.0").DELETE());
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(deleted.body()).getJsonArray("deleted").getList())
        .containsExactly("1.0");

    catalog.refusal = new Refused(Kind.CONFLICT, "IN_USE", "plugin 'demo' is in use: X");
    HttpResponse<String> inUse = send(request("/api/v1/plugins/demo").DELETE());
    assertThat(inUse.statusCode()).isEqualTo(409);
    assertThat(error(inUse).getString("code")).isEqualTo("IN_USE");

    catalog.refusal = new Refused(Kind.NOT_FOUND, "NOT_FOUND", "no plugin 'x'");
    assertThat(send(request("/api/v1/plugins/x").DELETE()).statusCode()).isEqualTo(404);
  }

  @Test
  void shouldSendTheCatalogsArchiveAsAGzipFileAndKeepNoCopy() throws Exception {
    // given
    byte[] archive = new byte[100_000];
    new Random(7).nextBytes(archive);
    catalog.archive = archive;
    List<Path> before = tempArchives();

    // when
    HttpResponse<byte[]> response =
        exchange(request("/api/v1/plugins:archive").GET(), BodyHandlers.ofByteArray());

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/gzip");
    assertThat(response.headers().firstValue("Content-Length")).contains("100000");
    assertThat(response.headers().firstValue("Content-Disposition"))
        .contains("attachment; filename=\"railyard-plugins.tar.gz\"");
    assertThat(response.body()).isEqualTo(archive);
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(tempArchives()).isEqualTo(before));
  }

  @Test
  void shouldAnswerAnArchiveRefusalWithItsStatusAndKeepNoFile() throws Exception {
    catalog.refusal =
        new Refused(Kind.CONFLICT, "CONFLICT", "plugin 'demo' was deleted while the archive was");
    List<Path> before = tempArchives();

    HttpResponse<String> response = send(request("/api/v1/plugins:archive").GET());

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(error(response).getString("message")).contains("'demo' was deleted");
    assertThat(tempArchives()).isEqualTo(before);
  }

  @Test
  void shouldNameAPluginAfterItsFile() {
    assertThat(PluginRoutes.nameFromFile("debezium-connector-postgres-3.6.1.Final-plugin.tar.gz"))
        .isEqualTo("debezium-connector-postgres-3.6.1.Final-plugin");
    assertThat(PluginRoutes.nameFromFile("C:/x/My Plugin (1).ZIP")).isEqualTo("My-Plugin-1-");
  }

  static PluginVersion version(String name, String version) {
    return new PluginVersion(
        name,
        version,
        List.of(new PluginClassInfo("com.example.DemoSink", "sink", version)),
        "ab".repeat(32),
        Instant.parse("2026-11-26T12:00:00Z"),
        1234,
        "JAR");
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
