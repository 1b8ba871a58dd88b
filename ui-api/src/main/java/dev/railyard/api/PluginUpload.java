package dev.railyard.api;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Path;
import java.util.Map;

/**
 * Receives the one file part of a multipart plugin upload into a temporary file, never holding it
 * in memory and never writing more than the limit: past it, the rest of the body is read and
 * dropped and the upload fails with 413. Confined to the request's event loop.
 */
final class PluginUpload {

  /**
   * A received upload.
   *
   * @param file the temporary file; the caller deletes it
   * @param fileName the file name the client sent
   * @param form the other form fields
   */
  record Received(Path file, String fileName, MultiMap form) {}

  private final Vertx vertx;
  private final HttpServerRequest request;
  private final long maxBytes;
  private final Promise<Received> done = Promise.promise();
  private Future<String> stored;
  private String fileName;
  private ApiException refusal;

  private PluginUpload(Vertx vertx, HttpServerRequest request, long maxBytes) {
    this.vertx = vertx;
    this.request = request;
    this.maxBytes = maxBytes;
  }

  /** Starts receiving; the future completes once the whole request is read. */
  static Future<Received> receive(Vertx vertx, HttpServerRequest request, long maxBytes) {
    PluginUpload upload = new PluginUpload(vertx, request, maxBytes);
    request.setExpectMultipart(true);
    request.uploadHandler(upload::part);
    request.exceptionHandler(upload::broken);
    request.endHandler(ignored -> upload.end());
    return upload.done.future();
  }

  private void part(HttpServerFileUpload part) {
    if (stored != null) {
      refusal = invalid("Send exactly one file part; got a second one, '" + part.filename() + "'");
      part.handler(ignored -> {});
      return;
    }
    fileName = part.filename();
    part.pause();
    stored =
        vertx
            .fileSystem()
            .createTempFile("railyard-plugin-", ".upload")
            .compose(
                path ->
                    vertx
                        .fileSystem()
                        .open(path, new OpenOptions().setWrite(true))
                        .compose(file -> new BodyLimit(part, maxBytes).pipeTo(file))
                        .transform(
                            piped ->
                                piped.succeeded()
                                    ? Future.succeededFuture(path)
                                    : delete(path)
                                        .transform(ignored -> Future.failedFuture(piped.cause()))));
  }

  private void broken(Throwable failure) {
    if (stored != null) {
      stored.onSuccess(this::delete);
    }
    done.tryFail(failure);
  }

  private void end() {
    if (stored == null) {
      done.fail(invalid("Send the plugin archive as the file part of a multipart/form-data body"));
      return;
    }
    stored.onComplete(
        result -> {
          if (result.failed()) {
            done.fail(
                result.cause() instanceof ApiException api && api.status() == 413
                    ? tooLarge(maxBytes)
                    : result.cause());
          } else if (refusal != null) {
            delete(result.result()).onComplete(ignored -> done.fail(refusal));
          } else {
            done.complete(
                new Received(Path.of(result.result()), fileName, request.formAttributes()));
          }
        });
  }

  Future<Void> delete(String path) {
    return vertx.fileSystem().delete(path).recover(ignored -> Future.succeededFuture());
  }

  static ApiException tooLarge(long maxBytes) {
    return new ApiException(
        413,
        "TOO_LARGE",
        "The plugin archive exceeds the limit of " + maxBytes + " bytes",
        Map.of("maxBytes", maxBytes));
  }

  private static ApiException invalid(String message) {
    return ApiException.badRequest("INVALID_UPLOAD", message, null);
  }
}
