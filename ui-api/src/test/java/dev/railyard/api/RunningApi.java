package dev.railyard.api;

import dev.railyard.api.security.RateLimits;
import dev.railyard.api.security.Role;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one real {@link ApiServer} on an ephemeral port per test class, backed by a {@link
 * FakePlatform} that is reset before each test, and offers a small blocking HTTP client.
 */
final class RunningApi implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

  static final long MAX_BODY_BYTES = 64 * 1024;

  /** PutEvents bodies are bounded below the body limit, so the two can be told apart. */
  static final RequestBounds BOUNDS = new RequestBounds(10, 32 * 1024, 2);

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final FakePlatform platform = new FakePlatform();
  private final TestSecurity security;

  RunningApi() {
    this(RateLimits.NONE);
  }

  /** An API whose tokens are limited to these rates. */
  RunningApi(RateLimits limits) {
    security = new TestSecurity(limits);
  }

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
  private PrometheusMeterRegistry registry;
  private ApiServer server;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    platform.reset();
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    server =
        ApiServer.start(
                new ApiOptions("127.0.0.1", 0, MAX_BODY_BYTES, 60, 64, 16 * 1024, "", "", BOUNDS),
                security.security(),
                platform.services(),
                registry)
            .toCompletableFuture()
            .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    platform.reset();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (server != null) {
      server.close().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
    registry.close();
    security.delete();
  }

  /** The registry {@code /metrics} exposes. */
  PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The tokens the server knows: one per role. */
  TestSecurity security() {
    return security;
  }

  FakePlatform platform() {
    return platform;
  }

  HttpResponse<String> get(String path) {
    return send("GET", path, null, null);
  }

  HttpResponse<String> sendJson(String method, String path, String json) {
    return send(method, path, json, "application/json");
  }

  HttpResponse<String> send(String method, String path, String body, String contentType) {
    HttpRequest.Builder request =
        request(path)
            .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return exchange(request, BodyHandlers.ofString());
  }

  /** A request to the running server with the admin token, with the test timeout set. */
  HttpRequest.Builder request(String path) {
    return anonymous(path).header("Authorization", "Bearer " + security.secret(Role.ADMIN));
  }

  /** A request to the running server without credentials. */
  HttpRequest.Builder anonymous(String path) {
    return HttpRequest.newBuilder(URI.create(url(path))).timeout(TIMEOUT);
  }

  /** The URL of {@code path} on the running server. */
  String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
    HttpRequest built = request.build();
    try {
      return client.send(built, body);
    } catch (IOException e) {
      throw new IllegalStateException(built.method() + " " + built.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(built.method() + " " + built.uri() + " interrupted", e);
    }
  }

  static JsonObject json(HttpResponse<String> response) {
    return new JsonObject(response.body());
  }

  /** The {@code error} object of an error answer. */
  static JsonObject error(HttpResponse<String> response) {
    return json(response).getJsonObject("error");
  }
}
