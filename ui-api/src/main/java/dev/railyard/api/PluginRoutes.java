package dev.railyard.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.api.platform.PluginCatalog;
import dev.railyard.api.platform.PluginCatalog.PluginClassInfo;
import dev.railyard.api.platform.PluginCatalog.PluginVersion;
import dev.railyard.api.platform.PluginCatalog.Refused;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;

/**
 * {@code /api/v1/plugins}: {@code POST} uploads a plugin archive (multipart/form-data, one file
 * part named by its extension {@code .jar}, {@code .zip}, {@code .tgz} or {@code .tar.gz}, an
 * optional {@code name} field or query parameter, else the file name is used, and optional {@code
 * sha256} and {@code sha512} fields or parameters the archive must match), streamed to a temporary
 * file within the size limit, or, with an {@code application/json} body {@code {"maven":
 * "group:artifact:version", "name": "..."}}, installs the artifact and its runtime dependencies
 * from the Maven repositories; {@code GET} lists every plugin with its versions and classes; {@code
 * GET /{name}} shows one; {@code DELETE /{name}[?version=v]} removes it unless a connector uses it;
 * {@code GET :archive} answers every installed plugin as one {@code .tar.gz} for workers that fetch
 * their {@code plugin.path} (on Kubernetes), written to a temporary file on a worker thread and
 * sent from there. Catalog calls block, so they run on worker threads.
 */
final class PluginRoutes {

  /** The upload limit the issue asks for by default: 512 MiB. */
  static final long DEFAULT_MAX_UPLOAD_BYTES = 512L << 20;

  private static final String BASE = "/api/v1/plugins";
  private static final String ONE = BASE + "/:name";
  private static final String ARCHIVE = BASE + ":archive";
  private static final String ARCHIVE_FILE = "railyard-plugins.tar.gz";
  private static final Pattern ARCHIVE_SUFFIX =
      Pattern.compile("(?i)(\\.tar\\.gz|\\.tgz|\\.zip|\\.jar)$");
  private static final Pattern NOT_NAME = Pattern.compile("[^A-Za-z0-9._-]+");
  // the installer checks each part; this only keeps out what cannot be coordinates at all
  private static final Pattern COORDINATES =
      Pattern.compile("[^:@\\s]+:[^:@\\s]+:[^:@\\s]+(?::[^:@\\s]+)?(?:@(?:jar|zip|tar\\.gz|tgz))?");
  private static final Set<String> MAVEN_FIELDS = Set.of("maven", "name");
  private static final int MAX_JSON_BYTES = 16 * 1024;

  private final Vertx vertx;
  private final PluginCatalog catalog;
  private final long maxUploadBytes;
  private final Semaphore installs;
  private final int maxInstalls;

  PluginRoutes(Vertx vertx, PluginCatalog catalog, long maxUploadBytes, int concurrentInstalls) {
    this.vertx = vertx;
    this.catalog = catalog;
    this.maxUploadBytes = maxUploadBytes;
    this.installs = new Semaphore(concurrentInstalls);
    this.maxInstalls = concurrentInstalls;
  }

  /**
   * Takes one of the install slots, or fails the request with 503: every upload is held on disk and
   * every install restarts the workers, so only a few run at once.
   */
  private boolean slot(RoutingContext ctx) {
    if (installs.tryAcquire()) {
      ctx.addEndHandler(done -> installs.release());
      return true;
    }
    ctx.fail(
        new ApiException(
            503,
            "TOO_MANY_INSTALLS",
            maxInstalls
                + " plugin installs are under way (plugins.max.concurrent.uploads); retry when one"
                + " is done",
            Map.of("max", maxInstalls)));
    return false;
  }

  void mount(Router router) {
    BodyHandler json =
        BodyHandler.create(false).setBodyLimit(MAX_JSON_BYTES).setHandleFileUploads(false);
    router
        .post(BASE)
        .consumes("application/json")
        .handler(RequestObserver.route(BASE))
        .handler(json)
        .handler(this::installMaven);
    router.post(BASE).handler(RequestObserver.route(BASE)).handler(this::upload);
    router
        .get(BASE)
        .handler(RequestObserver.route(BASE))
        .handler(ctx -> answer(ctx, call(catalog::list).map(PluginRoutes::listing)));
    router
        .routeWithRegex(HttpMethod.GET, "/api/v1/plugins:archive")
        .handler(RequestObserver.route(ARCHIVE))
        .handler(this::archive);
    router.get(ONE).handler(RequestObserver.route(ONE)).handler(this::get);
    router.delete(ONE).handler(RequestObserver.route(ONE)).handler(this::delete);
  }

  private void upload(RoutingContext ctx) {
    if (!slot(ctx)) {
      return;
    }
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      ctx.fail(
          ApiException.badRequest(
              "INVALID_UPLOAD",
              "Send the plugin archive as"
                  + " multipart/form-data with one file part (.jar, .zip, .tgz or .tar.gz), or"
                  + " application/json {\"maven\": \"group:artifact:version\"}",
              null));
      return;
    }
    PluginUpload.receive(vertx, ctx.request(), maxUploadBytes)
        .compose(
            received ->
                call(() -> install(ctx, received))
                    .eventually(
                        () ->
                            vertx
                                .fileSystem()
                                .delete(received.file().toString())
                                .recover(ignored -> Future.succeededFuture())))
        .onSuccess(installed -> created(ctx, installed))
        .onFailure(failure -> fail(ctx, failure));
  }

  // the body is checked before the catalog is called: a bad request must not start a download
  private void installMaven(RoutingContext ctx) {
    JsonNode body = JsonBodies.read(ctx);
    if (!slot(ctx)) {
      return;
    }
    if (!body.isObject()) {
      throw ApiException.badRequest(
          "INVALID_BODY",
          "The body must be a JSON object"
              + " {\"maven\": \"group:artifact:version\", \"name\": \"...\"}, not "
              + JsonBodies.kind(body),
          null);
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!MAVEN_FIELDS.contains(field)) {
        throw invalidField(
            field,
            "Unknown field '"
                + field
                + "'; a Maven install takes 'maven'"
                + " and an optional 'name'");
      }
    }
    JsonNode maven = body.get("maven");
    String coordinates = maven != null && maven.isTextual() ? maven.asText().strip() : "";
    if (!COORDINATES.matcher(coordinates).matches()) {
      throw invalidField(
          "maven",
          "Field 'maven' must be Maven coordinates group:artifact:version[:classifier][@type],"
              + " the type jar (the default), zip, tar.gz or tgz, e.g."
              + " \"io.debezium:debezium-connector-postgres:3.1.0.Final\" or"
              + " \"org.apache.camel.kafkaconnector:camel-rabbitmq-kafka-connector:0.11.5:package@tar.gz\";"
              + " got "
              + (maven == null ? "nothing" : maven.toString()));
    }
    JsonNode name = body.get("name");
    if (name != null && !name.isNull() && !name.isTextual()) {
      throw invalidField("name", "Field 'name' must be a string, not " + JsonBodies.kind(name));
    }
    String pluginName = name == null || name.isNull() ? null : name.asText();
    call(() -> catalog.installMaven(coordinates, pluginName, maxUploadBytes))
        .onSuccess(installed -> created(ctx, installed))
        .onFailure(failure -> fail(ctx, failure));
  }

  private static ApiException invalidField(String field, String message) {
    String code = field.equals("maven") ? "INVALID_COORDINATES" : "INVALID_BODY";
    return ApiException.badRequest(code, message, Map.of("field", field));
  }

  private PluginCatalog.Installed install(RoutingContext ctx, PluginUpload.Received received)
      throws Exception {
    String fileName = received.fileName();
    if (fileName == null || !ARCHIVE_SUFFIX.matcher(fileName).find()) {
      throw ApiException.badRequest(
          "UNSUPPORTED_ARCHIVE_TYPE",
          "File '"
              + fileName
              + "' is not a plugin archive; upload a .jar, .zip, .tgz or .tar.gz file",
          Map.of("fileName", String.valueOf(fileName)));
    }
    String name = field(ctx, received, "name");
    if (name == null) {
      name = nameFromFile(fileName);
    }
    PluginCatalog.ArchiveDigests pinned =
        new PluginCatalog.ArchiveDigests(
            field(ctx, received, "sha256"), field(ctx, received, "sha512"));
    return catalog.install(received.file(), fileName, name, maxUploadBytes, pinned);
  }

  /** A form field, else the query parameter of that name, else null. */
  private static String field(RoutingContext ctx, PluginUpload.Received received, String name) {
    String value = received.form().get(name);
    return value != null ? value : ctx.request().getParam(name);
  }

  /** {@code debezium-connector-postgres.tar.gz} becomes {@code debezium-connector-postgres}. */
  static String nameFromFile(String fileName) {
    String base = fileName.substring(fileName.lastIndexOf('/') + 1);
    base = ARCHIVE_SUFFIX.matcher(base).replaceFirst("");
    base = NOT_NAME.matcher(base).replaceAll("-").replaceAll("^[._-]+", "");
    return base.length() > 100 ? base.substring(0, 100) : base;
  }

  private void created(RoutingContext ctx, PluginCatalog.Installed installed) {
    PluginVersion plugin = installed.plugin();
    ctx.response().putHeader(HttpHeaders.LOCATION, BASE + "/" + plugin.name());
    Responses.json(
        ctx,
        installed.alreadyPresent() ? 200 : 201,
        version(plugin)
            .put("name", plugin.name())
            .put("alreadyPresent", installed.alreadyPresent()));
  }

  private void get(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    answer(
        ctx,
        call(() -> catalog.get(name))
            .map(
                versions -> {
                  if (versions.isEmpty()) {
                    throw notFound(name);
                  }
                  return plugin(name, versions);
                }));
  }

  private void delete(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    String version = ctx.request().getParam("version");
    answer(
        ctx,
        call(() -> catalog.delete(name, version))
            .map(
                deleted ->
                    new JsonObject()
                        .put("name", name)
                        .put(
                            "deleted",
                            new JsonArray(deleted.stream().map(PluginVersion::version).toList()))));
  }

  private void archive(RoutingContext ctx) {
    call(this::writeArchive)
        .onSuccess(
            file ->
                ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/gzip")
                    .putHeader(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"" + ARCHIVE_FILE + "\"")
                    .sendFile(file.toString())
                    .onComplete(
                        sent -> {
                          vertx.fileSystem().delete(file.toString());
                          if (sent.failed()) {
                            ctx.fail(sent.cause());
                          }
                        }))
        .onFailure(failure -> fail(ctx, failure));
  }

  // a file first: a refusal can still be answered as one, and the client gets a Content-Length
  private Path writeArchive() throws IOException {
    Path file = Files.createTempFile("railyard-archive-", ".tar.gz");
    try (OutputStream out = Files.newOutputStream(file)) {
      catalog.writeArchive(out);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    return file;
  }

  private void answer(RoutingContext ctx, Future<JsonObject> body) {
    body.onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(f -> fail(ctx, f));
  }

  private static void fail(RoutingContext ctx, Throwable failure) {
    Throwable cause = Responses.unwrap(failure);
    ctx.fail(cause instanceof Refused refused ? refusal(refused) : cause);
  }

  static ApiException refusal(Refused refused) {
    return new ApiException(
        Outcomes.status(refused.kind()), refused.code(), refused.getMessage(), null);
  }

  private static ApiException notFound(String name) {
    return new ApiException(
        404,
        "NOT_FOUND",
        "No plugin '" + name + "' is installed; see GET " + BASE + " for the installed plugins",
        Map.of("name", name));
  }

  private <T> Future<T> call(Callable<T> call) {
    return vertx.executeBlocking(call, false);
  }

  private static JsonObject listing(List<PluginVersion> versions) {
    Map<String, List<PluginVersion>> byName = new LinkedHashMap<>();
    versions.forEach(v -> byName.computeIfAbsent(v.name(), n -> new ArrayList<>()).add(v));
    JsonArray plugins = new JsonArray();
    byName.forEach((name, list) -> plugins.add(plugin(name, list)));
    return new JsonObject().put("plugins", plugins).put("count", plugins.size());
  }

  private static JsonObject plugin(String name, List<PluginVersion> versions) {
    JsonArray list = new JsonArray();
    versions.forEach(v -> list.add(version(v)));
    return new JsonObject().put("name", name).put("versions", list);
  }

  private static JsonObject version(PluginVersion v) {
    JsonArray classes = new JsonArray();
    for (PluginClassInfo c : v.classes()) {
      classes.add(
          new JsonObject()
              .put("class", c.className())
              .put("type", c.type())
              .put("version", c.version()));
    }
    return new JsonObject()
        .put("version", v.version())
        .put("classes", classes)
        .put("sha256", v.sha256())
        .put("installedAt", v.installedAt() == null ? null : v.installedAt().toString())
        .put("archiveBytes", v.archiveBytes())
        .put("archiveType", v.archiveType());
  }
}
