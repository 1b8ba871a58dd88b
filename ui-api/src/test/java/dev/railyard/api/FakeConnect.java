package dev.railyard.api;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A tiny HTTP server standing in for the Kafka Connect REST API: it records the last request and
 * answers with the status, content type and body a test sets.
 */
final class FakeConnect implements AutoCloseable {

  record Seen(String method, String uri, String contentType, String authorization, String body) {}

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  volatile Seen last;
  private final java.util.concurrent.atomic.AtomicInteger requests =
      new java.util.concurrent.atomic.AtomicInteger();
  volatile int status = 200;
  volatile String contentType = "application/json";
  volatile String body = "[]";

  /** When set, the body goes out as {@link #FIRST_CHUNK} now and the rest once this completes. */
  volatile CompletableFuture<Void> hold;

  static final String FIRST_CHUNK = "first chunk;";

  FakeConnect() throws Exception {
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                request ->
                    request
                        .body()
                        .onSuccess(
                            received -> {
                              last =
                                  new Seen(
                                      request.method().name(),
                                      request.uri(),
                                      request.getHeader("Content-Type"),
                                      request.getHeader("Authorization"),
                                      received.toString());
                              requests.incrementAndGet();
                              answer(request.response());
                            }))
            .listen(0, "127.0.0.1")
            .await(10, TimeUnit.SECONDS);
  }

  private void answer(HttpServerResponse response) {
    response
        .setStatusCode(status)
        .putHeader("Content-Type", contentType)
        .putHeader("X-Connect-Marker", "from-connect");
    CompletableFuture<Void> release = hold;
    if (release == null) {
      response.end(body);
      return;
    }
    Context context = vertx.getOrCreateContext();
    response.setChunked(true).write(FIRST_CHUNK);
    release.thenRun(() -> context.runOnContext(ignored -> response.end(body)));
  }

  /** How many requests reached this server. */
  int requests() {
    return requests.get();
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  @Override
  public void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
