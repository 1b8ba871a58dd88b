package dev.railyard.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's HTTP server: the REST API ({@code /api/v1/...}, {@code /health}), the Kafka
 * Connect REST pass-through ({@code /connect/...}), Prometheus metrics ({@code /metrics}) and the
 * status page ({@code /}). It runs on a Vert.x instance of its own, which {@link #close()} closes.
 *
 * <p>Thread-safe. The returned stages complete on Vert.x threads: do not block in stages that
 * depend on them (use the {@code ...Async} variants or join from another thread).
 */
public final class ApiServer {

  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  private static final int CONNECT_TIMEOUT_MS = 5_000;

  private final Vertx vertx;
  private final HttpServer server;

  private ApiServer(Vertx vertx, HttpServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  /**
   * Binds and starts serving.
   *
   * @param options where to listen and the body limit; never null
   * @param security the tokens, sessions and host names every request is checked against
   * @param services the platform the API talks to; never null
   * @param registry where HTTP metrics are recorded and what {@code /metrics} exposes; never null
   * @return the running server, or a failed stage (e.g. the port is taken) after the Vert.x
   *     instance it made is closed again
   */
  public static CompletionStage<ApiServer> start(
      ApiOptions options,
      ApiSecurity security,
      PlatformServices services,
      PrometheusMeterRegistry registry) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(services, "services");
    Objects.requireNonNull(registry, "registry");
    Vertx vertx = Vertx.vertx();
    CompletableFuture<ApiServer> started = new CompletableFuture<>();
    try {
      listen(vertx, options, security, services, registry, started);
    } catch (RuntimeException e) {
      closeVertx(vertx).whenComplete((ignored, error) -> started.completeExceptionally(e));
    }
    return started;
  }

  private static void listen(
      Vertx vertx,
      ApiOptions options,
      ApiSecurity security,
      PlatformServices services,
      PrometheusMeterRegistry registry,
      CompletableFuture<ApiServer> started) {
    HttpClient connectClient =
        vertx.createHttpClient(
            new HttpClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MS), new PoolOptions());
    HttpServerOptions serverOptions =
        new HttpServerOptions()
            .setHost(options.host())
            .setPort(options.port())
            .setIdleTimeout(options.idleTimeoutSeconds())
            .setMaxHeaderSize(options.maxHeaderBytes())
            .setMaxInitialLineLength(Math.min(options.maxHeaderBytes(), 8192));
    if (options.tls()) {
      serverOptions
          .setSsl(true)
          .setKeyCertOptions(
              new PemKeyCertOptions()
                  .setCertPath(options.tlsCertFile())
                  .setKeyPath(options.tlsKeyFile()));
    } else if (!loopback(options.host())) {
      LOG.warn(
          "The API listens on {} without TLS: tokens and secrets cross the network in clear."
              + " Set http.tls.cert.file and http.tls.key.file, or bind to 127.0.0.1",
          options.host());
    }
    ConnectionLimit limit = new ConnectionLimit(options.maxConnections());
    vertx
        .createHttpServer(serverOptions)
        .connectionHandler(limit)
        .requestHandler(
            ApiRouter.create(vertx, options, security, services, registry, connectClient))
        .listen()
        .onComplete(
            bound -> {
              if (bound.succeeded()) {
                int port = bound.result().actualPort();
                LOG.info(
                    "Railyard API listening on {}://{}:{}",
                    options.tls() ? "https" : "http",
                    options.host(),
                    port);
                started.complete(new ApiServer(vertx, bound.result()));
              } else {
                closeVertx(vertx)
                    .whenComplete((ignored, error) -> started.completeExceptionally(bound.cause()));
              }
            });
  }

  /** Whether {@code host} is a loopback address or name, which needs no TLS. */
  public static boolean loopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
  }

  /** The bound port: the configured one, or the ephemeral port chosen when it was 0. */
  public int port() {
    return server.actualPort();
  }

  /**
   * Stops accepting requests and closes the Vert.x instance: its HTTP server first, then the open
   * connections and the client to Connect.
   */
  public CompletionStage<Void> close() {
    return closeVertx(vertx).thenRun(() -> LOG.info("Railyard API stopped"));
  }

  /**
   * Closes Vert.x from a thread of its own: a close started on one of its event loops could never
   * report completion, that loop being among the things it shuts down.
   */
  private static CompletableFuture<Void> closeVertx(Vertx vertx) {
    return CompletableFuture.supplyAsync(() -> vertx.close().toCompletionStage())
        .thenCompose(Function.identity());
  }
}
