package dev.railyard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.railyard.api.platform.Outcome.Kind;
import dev.railyard.api.platform.PluginCatalog;
import dev.railyard.api.platform.PluginCatalog.PluginClassInfo;
import dev.railyard.api.platform.PluginCatalog.PluginVersion;
import dev.railyard.api.platform.PluginCatalog.Refused;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PluginRoutesTest {

  @RegisterExtension static final PluginServer plugins = new PluginServer();

  @Test
  void shouldStreamTheUploadToTheCatalogAndAnswerCreated() {
    // given
    byte[] jar = "jar bytes".getBytes(StandardCharsets.UTF_8);

    // when
    HttpResponse<String> response =
        plugins.upload("/api/v1/plugins", "jdbc-sink-1.2.jar", jar, null);

    // then
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().firstValue("Location")).contains("/api/v1/plugins/jdbc-sink-1.2");
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("name")).isEqualTo("jdbc-sink-1.2");
    assertThat(body.getBoolean("alreadyPresent")).isFalse();
    assertThat(body.getJsonArray("classes").getJsonObject(0).getString("type")).isEqualTo("sink");
    FakeCatalog.Call call = plugins.catalog.installs.get(0);
    assertThat(call.content()).isEqualTo(jar);
    assertThat(call.fileName()).isEqualTo("jdbc-sink-1.2.jar");
    assertThat(call.maxBytes()).isEqualTo(PluginServer.LIMIT);
    assertThat(call.archive()).doesNotExist();
  }

  @Test
  void shouldPassThePinnedDigestsToTheCatalog() {
    HttpResponse<String> response =
        plugins.upload("/api/v1/plugins?sha256=ab12&sha512=CD34", "p.jar", new byte[3], null);

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(plugins.catalog.pinned).isEqualTo(new PluginCatalog.ArchiveDigests("ab12", "CD34"));
  }

  @Test
  void shouldTakeTheNameFromTheFormAndAnswerOkWhenAlreadyPresent() {
    plugins.catalog.alreadyPresent = true;

    HttpResponse<String> response =
        plugins.upload("/api/v1/plugins", "connector.tar.gz", new byte[10], "my-plugin");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(response.body()).getBoolean("alreadyPresent")).isTrue();
    assertThat(plugins.catalog.installs.get(0).name()).isEqualTo("my-plugin");
  }

  @Test
  void shouldRefuseAnUploadOverTheLimitWithoutCallingTheCatalogOrKeepingAFile() throws Exception {
    List<Path> before = PluginServer.tempUploads();

    HttpResponse<String> response =
        plugins.upload("/api/v1/plugins", "big.zip", new byte[(int) PluginServer.LIMIT + 1], null);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(PluginServer.error(response).getString("code")).isEqualTo("TOO_LARGE");
    assertThat(PluginServer.error(response).getString("message")).contains("limit of 4096 bytes");
    assertThat(plugins.catalog.installs).isEmpty();
    assertThat(PluginServer.tempUploads()).isEqualTo(before);
  }

  @Test
  void shouldRefuseAFileThatIsNoArchive() {
    HttpResponse<String> response =
        plugins.upload("/api/v1/plugins", "notes.txt", new byte[3], null);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(PluginServer.error(response).getString("code"))
        .isEqualTo("UNSUPPORTED_ARCHIVE_TYPE");
    assertThat(PluginServer.error(response).getString("message"))
        .contains("'notes.txt'", ".tar.gz");
    assertThat(plugins.catalog.installs).isEmpty();
  }

  @Test
  void shouldRefuseABodyThatIsNotMultipart() {
    HttpResponse<String> response =
        plugins.send(
            plugins
                .request("/api/v1/plugins")
                .header("Content-Type", "application/octet-stream")
                .POST(BodyPublishers.ofByteArray(new byte[5])));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(PluginServer.error(response).getString("code")).isEqualTo("INVALID_UPLOAD");
  }

  @Test
  void shouldAnswerEachCatalogRefusalWithItsStatusAndCode() {
    assertRefusal(new Refused(Kind.INVALID, "ZIP_SLIP", "entry '../evil.jar' escapes"), 400);
    assertRefusal(new Refused(Kind.CONFLICT, "CONFLICT", "version 1.0 exists"), 409);
    assertRefusal(new Refused(Kind.TOO_LARGE, "TOO_LARGE", "unpacks to more"), 413);
  }

  private void assertRefusal(Refused refusal, int status) {
    plugins.catalog.refusal = refusal;
    HttpResponse<String> response = plugins.upload("/api/v1/plugins", "p.zip", new byte[4], null);
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(PluginServer.error(response).getString("code")).isEqualTo(refusal.code());
    assertThat(PluginServer.error(response).getString("message")).isEqualTo(refusal.getMessage());
    assertThat(plugins.catalog.installs.get(plugins.catalog.installs.size() - 1).archive())
        .doesNotExist();
  }

  @Test
  void shouldInstallFromMavenCoordinatesAndAnswerCreated() {
    // when
    HttpResponse<String> response =
        plugins.postJson("{\"maven\": \" com.example:demo-sink:1.0 \"}");

    // then
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().firstValue("Location")).contains("/api/v1/plugins/demo-sink");
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("name")).isEqualTo("demo-sink");
    assertThat(body.getBoolean("alreadyPresent")).isFalse();
    assertThat(plugins.catalog.mavenInstalls)
        .containsExactly(
            new FakeCatalog.MavenCall("com.example:demo-sink:1.0", null, PluginServer.LIMIT));
  }

  @Test
  void shouldPassTheGivenNameAndAnswerOkWhenAlreadyPresent() {
    plugins.catalog.alreadyPresent = true;

    HttpResponse<String> response =
        plugins.postJson("{\"maven\": \"com.example:demo-sink:1.0\", \"name\": \"demo\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(response.body()).getBoolean("alreadyPresent")).isTrue();
    assertThat(plugins.catalog.mavenInstalls.get(0).name()).isEqualTo("demo");
  }

  @Test
  void shouldRefuseMalformedCoordinatesNamingTheFieldWithoutCallingTheCatalog() {
    for (String body :
        List.of(
            "{\"maven\": \"com.example:demo-sink\"}",
            "{\"maven\": 3}",
            "{\"name\": \"x\"}",
            "{\"maven\": \"a:b:c:d:e\"}",
            "{\"maven\": \"a:b:c:package@war\"}",
            "{\"maven\": \"a:b:c@\"}")) {
      HttpResponse<String> response = plugins.postJson(body);

      assertThat(response.statusCode()).as(body).isEqualTo(400);
      assertThat(PluginServer.error(response).getString("code")).isEqualTo("INVALID_COORDINATES");
      assertThat(PluginServer.error(response).getString("message"))
          .contains("'maven'", "group:artifact:version");
      assertThat(PluginServer.error(response).getJsonObject("details").getString("field"))
          .isEqualTo("maven");
    }
    assertThat(plugins.catalog.mavenInstalls).isEmpty();
  }

  @Test
  void shouldRefuseUnknownFieldsAndBodiesThatAreNoObject() {
    HttpResponse<String> unknown = plugins.postJson("{\"maven\": \"g:a:1\", \"version\": \"2\"}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(PluginServer.error(unknown).getString("message"))
        .contains("Unknown field 'version'");

    HttpResponse<String> array = plugins.postJson("[\"g:a:1\"]");
    assertThat(array.statusCode()).isEqualTo(400);
    assertThat(PluginServer.error(array).getString("code")).isEqualTo("INVALID_BODY");

    HttpResponse<String> malformed = plugins.postJson("{\"maven\": ");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(PluginServer.error(malformed).getString("code")).isEqualTo("MALFORMED_JSON");
    assertThat(plugins.catalog.mavenInstalls).isEmpty();
  }

  @Test
  void shouldRefuseAnInstallWhileTheAllowedNumberRunAndTakeItAgainAfterwards() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    plugins.catalog.hold = release;
    java.util.concurrent.CompletableFuture<HttpResponse<String>> first =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> plugins.postJson("{\"maven\": \"g:first:1\"}"));
    org.awaitility.Awaitility.await()
        .atMost(PluginServer.TIMEOUT)
        .until(() -> plugins.catalog.mavenInstalls.size() == 1);

    HttpResponse<String> second = plugins.postJson("{\"maven\": \"g:second:1\"}");
    release.countDown();

    assertThat(second.statusCode()).isEqualTo(503);
    assertThat(second.body()).contains("TOO_MANY_INSTALLS");
    assertThat(first.get(10, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(201);
    assertThat(plugins.postJson("{\"maven\": \"g:third:1\"}").statusCode()).isEqualTo(201);
    assertThat(plugins.catalog.mavenInstalls)
        .extracting(FakeCatalog.MavenCall::coordinates)
        .containsExactly("g:first:1", "g:third:1");
  }

  @Test
  void shouldAnswerMavenRefusalsWithTheirStatus() {
    plugins.catalog.refusal =
        new Refused(
            Kind.NOT_FOUND,
            "NOT_FOUND",
            "Maven artifact g:a:1 was not found in central (https://repo.maven.apache.org/maven2)");
    HttpResponse<String> missing = plugins.postJson("{\"maven\": \"g:a:1\"}");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(PluginServer.error(missing).getString("message")).contains("central");

    plugins.catalog.refusal = new Refused(Kind.UNAVAILABLE, "UNAVAILABLE", "could not be reached");
    HttpResponse<String> down = plugins.postJson("{\"maven\": \"g:a:1\"}");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(PluginServer.error(down).getString("code")).isEqualTo("UNAVAILABLE");
  }

  @Test
  void shouldListPluginsWithTheirVersionsAndClasses() {
    plugins.catalog.versions.addAll(
        List.of(version("demo", "1.0"), version("demo", "2.0"), version("smt", "0.9")));

    HttpResponse<String> response = plugins.send(plugins.request("/api/v1/plugins").GET());

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
    plugins.catalog.versions.add(version("demo", "1.0"));

    assertThat(plugins.send(plugins.request("/api/v1/plugins/demo").GET()).statusCode())
        .isEqualTo(200);
    HttpResponse<String> missing = plugins.send(plugins.request("/api/v1/plugins/nope").GET());
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(PluginServer.error(missing).getString("message")).contains("'nope'");
  }

  @Test
  void shouldDeleteAVersionOrRefuseWhileInUse() {
    plugins.catalog.versions.addAll(List.of(version("demo", "1.0"), version("demo", "2.0")));

    HttpResponse<String> deleted =
        plugins.send(plugins.request("/api/v1/plugins/demo?version=1.0").DELETE());
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(deleted.body()).getJsonArray("deleted").getList())
        .containsExactly("1.0");

    plugins.catalog.refusal = new Refused(Kind.CONFLICT, "IN_USE", "plugin 'demo' is in use: X");
    HttpResponse<String> inUse = plugins.send(plugins.request("/api/v1/plugins/demo").DELETE());
    assertThat(inUse.statusCode()).isEqualTo(409);
    assertThat(PluginServer.error(inUse).getString("code")).isEqualTo("IN_USE");

    plugins.catalog.refusal = new Refused(Kind.NOT_FOUND, "NOT_FOUND", "no plugin 'x'");
    assertThat(plugins.send(plugins.request("/api/v1/plugins/x").DELETE()).statusCode())
        .isEqualTo(404);
  }

  @Test
  void shouldSendTheCatalogsArchiveAsAGzipFileAndKeepNoCopy() throws Exception {
    // given
    byte[] archive = new byte[100_000];
    new Random(7).nextBytes(archive);
    plugins.catalog.archive = archive;
    List<Path> before = PluginServer.tempArchives();

    // when
    HttpResponse<byte[]> response =
        plugins.exchange(
            plugins.request("/api/v1/plugins:archive").GET(), BodyHandlers.ofByteArray());

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/gzip");
    assertThat(response.headers().firstValue("Content-Length")).contains("100000");
    assertThat(response.headers().firstValue("Content-Disposition"))
        .contains("attachment; filename=\"railyard-plugins.tar.gz\"");
    assertThat(response.body()).isEqualTo(archive);
    await()
        .atMost(PluginServer.TIMEOUT)
        .untilAsserted(() -> assertThat(PluginServer.tempArchives()).isEqualTo(before));
  }

  @Test
  void shouldAnswerAnArchiveRefusalWithItsStatusAndKeepNoFile() throws Exception {
    plugins.catalog.refusal =
        new Refused(Kind.CONFLICT, "CONFLICT", "plugin 'demo' was deleted while the archive was");
    List<Path> before = PluginServer.tempArchives();

    HttpResponse<String> response = plugins.send(plugins.request("/api/v1/plugins:archive").GET());

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(PluginServer.error(response).getString("message")).contains("'demo' was deleted");
    assertThat(PluginServer.tempArchives()).isEqualTo(before);
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
}
