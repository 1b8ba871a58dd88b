package dev.railyard.api;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /connect/**}: a transparent pass-through to the Kafka Connect REST API of a running
 * worker, so kcctl and curl work against Railyard. Method, path, query, headers and body go up;
 * status, headers and body come back unchanged, except that secrets in the answers carrying
 * connector configs are masked ({@link ConnectSecrets}). Bodies are streamed, never buffered in
 * full, but for those answers. Hop-by-hop headers are dropped as RFC 9110 asks. Errors before
 * Connect answers (no worker, worker unreachable, declared body over the limit) use the API's error
 * shape.
 */
final class ConnectProxy {

  static final String PREFIX = "/connect";

  private static final Logger LOG = LoggerFactory.getLogger(ConnectProxy.class);

  /** Longer than Connect's own 90 s REST timeout, so Connect reports its timeouts itself. */
  private static final long IDLE_TIMEOUT_MS = 120_000;

  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "http2-settings",
          "host");

  private final PlatformCalls platform;
  private final HttpClient client;
  private final long maxBodyBytes;
  private final ConnectSecrets secrets;

  ConnectProxy(
      PlatformCalls platform, HttpClient client, long maxBodyBytes, ConnectSecrets secrets) {
    this.platform = platform;
    this.client = client;
    this.maxBodyBytes = maxBodyBytes;
    this.secrets = secrets;
  }

  void mount(Router router) {
    // routes of their own so the OpenAPI document can give them the admin role
    String loggers = PREFIX + "/admin/loggers";
    router.route(loggers).handler(RequestObserver.route(loggers)).handler(this::proxy);
    router
        .route(loggers + "/:name")
        .handler(RequestObserver.route(loggers + "/:name"))
        .handler(this::proxy);
    router.route(PREFIX).handler(RequestObserver.route(PREFIX + "/*")).handler(this::proxy);
    router.route(PREFIX + "/*").handler(RequestObserver.route(PREFIX + "/*")).handler(this::proxy);
  }

  private void proxy(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (!request.isEnded()) {
      // the body must wait until the upstream request exists
      request.pause();
    }
    if (declaredLength(request) > maxBodyBytes) {
      drain(request);
      ctx.fail(413);
      return;
    }
    String rest = ctx.normalizedPath().substring(PREFIX.length());
    ConnectAllowlist.Route route = ConnectAllowlist.match(request.method(), rest).orElse(null);
    if (route == null) {
      drain(request);
      ctx.fail(notPassedOn(request.method(), rest));
      return;
    }
    platform
        .connectRestUrl()
        .compose(
            url ->
                url.map(Future::succeededFuture)
                    .orElseGet(
                        () ->
                            Future.failedFuture(
                                ApiException.unavailable(
                                    "NO_CONNECT_WORKER",
                                    "No Kafka Connect worker is running; scale the pool up with"
                                        + " PUT /api/v1/workers"))))
        .compose(
            base ->
                ConnectSecrets.writesConfig(request.method(), rest)
                        || ConnectSecrets.validatesConfig(request.method(), rest)
                    ? forwardCheckedConfig(ctx, base, route, rest)
                    : forward(ctx, base, route, rest))
        .onFailure(
            failure -> {
              drain(request);
              ctx.fail(failure);
            });
  }

  private static ApiException notPassedOn(HttpMethod method, String rest) {
    boolean known = ConnectAllowlist.knows(rest);
    return new ApiException(
        known ? 405 : 404,
        "CONNECT_ROUTE_NOT_ALLOWED",
        method.name()
            + " "
            + PREFIX
            + rest
            + " is not passed on to Kafka Connect: only its public REST API is (connectors and"
            + " their config, status, tasks, offsets and topics; connector plugins and"
            + " validation; admin/loggers)",
        Map.of("method", method.name(), "path", PREFIX + rest));
  }

  private Future<Void> forward(
      RoutingContext ctx, String base, ConnectAllowlist.Route route, String rest) {
    HttpServerRequest in = ctx.request();
    RequestOptions options = upstream(in, base, rest);
    BodyLimit body = new BodyLimit(in, maxBodyBytes);
    return client
        .request(options)
        .compose(out -> send(in, body, out))
        .recover(
            failure ->
                Future.failedFuture(
                    body.exceeded()
                        ? ErrorRoutes.tooLarge(maxBodyBytes)
                        : unreachable(base, failure)))
        .compose(upstream -> relay(in, route, upstream, ctx.response()));
  }

  /**
   * A config write or validation is read whole (configs are small) and checked by the platform
   * ({@link dev.railyard.api.platform.ConnectorAdmin#checkConfig}) before Connect, which resolves
   * config-provider references, sees it. A write is also refused when it holds the mask: the config
   * was read from an answer, where secrets are masked, and writing it back would replace each
   * secret with the mask. {@code PUT /api/v1/connectors/{name}} keeps masked secrets instead.
   */
  private Future<Void> forwardCheckedConfig(
      RoutingContext ctx, String base, ConnectAllowlist.Route route, String rest) {
    HttpServerRequest in = ctx.request();
    Future<Buffer> whole = in.body();
    in.resume(); // proxy() paused it until a worker was known
    return whole.compose(
        body -> {
          if (body.length() > maxBodyBytes) {
            return Future.failedFuture(ErrorRoutes.tooLarge(maxBodyBytes));
          }
          String key =
              ConnectSecrets.writesConfig(in.method(), rest)
                  ? ConnectSecrets.maskedKey(body)
                  : null;
          if (key != null) {
            return Future.failedFuture(
                ApiException.badRequest(
                    "MASKED_SECRET",
                    "'"
                        + key
                        + "' holds the mask "
                        + ConnectSecrets.MASK
                        + ", which would replace the secret; send"
                        + " the secret or a reference such as ${file:/path/secrets.properties:"
                        + key
                        + "},"
                        + " or use PUT /api/v1/connectors/{name}, which keeps masked secrets",
                    Map.of("field", key)));
          }
          ConnectSecrets.Written written = ConnectSecrets.written(body, rest);
          Future<Void> checked =
              written == null
                  ? Future.succeededFuture()
                  : platform
                      .connectors(c -> c.checkConfig(written.name(), written.config()))
                      .compose(
                          refused ->
                              refused
                                  .<Future<Void>>map(
                                      r ->
                                          Future.failedFuture(
                                              new ApiException(
                                                  Outcomes.status(r.kind()),
                                                  r.code(),
                                                  r.message(),
                                                  r.details())))
                                  .orElseGet(Future::succeededFuture));
          return checked.compose(ok -> sendWhole(in, base, route, rest, body, ctx));
        });
  }

  /** Sends a body that was read whole, and relays the answer. */
  private Future<Void> sendWhole(
      HttpServerRequest in,
      String base,
      ConnectAllowlist.Route route,
      String rest,
      Buffer body,
      RoutingContext ctx) {
    RequestOptions options = upstream(in, base, rest);
    // the body read whole goes up with a length of its own
    options.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
    return client
        .request(options)
        .compose(out -> out.send(body))
        .recover(failure -> Future.failedFuture(unreachable(base, failure)))
        .compose(upstream -> relay(in, route, upstream, ctx.response()));
  }

  /** The request to Connect: the caller's method, its headers but credentials, the checked path. */
  private static RequestOptions upstream(HttpServerRequest in, String base, String rest) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    copyHeaders(in.headers(), headers);
    BodyTypes.requireJson(headers);
    return new RequestOptions()
        .setMethod(in.method())
        .setAbsoluteURI(target(base, rest, in.query()))
        .setHeaders(headers)
        .setIdleTimeout(IDLE_TIMEOUT_MS);
  }

  /**
   * {@code /connect/connectors/x?expand=status} maps to {@code <base>/connectors/x?expand=status}.
   *
   * @param rest the normalised path after {@code /connect}, the one the allowlist checked
   */
  static String target(String base, String rest, String query) {
    String root = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    return root + (rest.isEmpty() ? "/" : rest) + (query == null ? "" : "?" + query);
  }

  /**
   * Streams the body up. Unlike {@code HttpClientRequest.send(ReadStream)}, a failing body (client
   * gone, over the limit) resets the upstream request instead of ending it, so Connect never
   * receives a truncated body as if it were complete.
   */
  private static Future<HttpClientResponse> send(
      HttpServerRequest in, BodyLimit body, HttpClientRequest out) {
    boolean hasBody =
        in.headers().contains(HttpHeaders.CONTENT_LENGTH)
            ? declaredLength(in) > 0
            : in.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    // failures surface through out.response(); without a handler Vert.x would log them as errors
    out.exceptionHandler(failure -> LOG.debug("Request to Connect failed", failure));
    if (!hasBody || in.isEnded()) {
      return out.send();
    }
    if (!out.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
      out.setChunked(true);
    }
    body.pipe().endOnFailure(false).to(out).onFailure(failure -> out.reset(0, failure));
    return out.response();
  }

  private Future<Void> relay(
      HttpServerRequest in,
      ConnectAllowlist.Route route,
      HttpClientResponse upstream,
      HttpServerResponse response) {
    HttpMethod method = in.method();
    int status = upstream.statusCode();
    boolean carriesConfigs =
        route.shape() != ConnectAllowlist.Shape.PLAIN
            // the bare list holds names only; with any query (expand=info) it is masked
            && !(route.shape() == ConnectAllowlist.Shape.LIST && in.query() == null);
    if (carriesConfigs && method != HttpMethod.HEAD) {
      // read whole and masked, or not passed on at all: never a config in clear
      return upstream
          .body()
          .compose(
              body -> {
                Buffer masked =
                    status >= 200 && status < 300 ? secrets.mask(route.shape(), body) : body;
                if (masked == null) {
                  return Future.failedFuture(
                      new ApiException(
                          502,
                          "CONNECT_ANSWER_NOT_JSON",
                          "Kafka Connect answered "
                              + method.name()
                              + " "
                              + PREFIX
                              + in.path().substring(PREFIX.length())
                              + " with a body that is not JSON; it may hold connector configs,"
                              + " so it is not passed on",
                          null));
                }
                response.setStatusCode(status).setStatusMessage(upstream.statusMessage());
                copyHeaders(upstream.headers(), response.headers());
                response.headers().remove(HttpHeaders.TRANSFER_ENCODING);
                response.putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(masked.length()));
                return response.end(masked);
              });
    }
    response.setStatusCode(status).setStatusMessage(upstream.statusMessage());
    copyHeaders(upstream.headers(), response.headers());
    boolean bodyless = method == HttpMethod.HEAD || status == 204 || status == 304;
    if (!bodyless && !upstream.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
      response.setChunked(true);
    }
    return upstream.pipeTo(response);
  }

  private static void copyHeaders(MultiMap from, MultiMap to) {
    String connection = from.get(HttpHeaders.CONNECTION);
    for (Map.Entry<String, String> header : from) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      // the caller's credentials are Railyard's, never Connect's
      if (!HOP_BY_HOP.contains(name)
          && !listedIn(connection, name)
          && !name.equals("authorization")
          && !name.equals("cookie")) {
        to.add(header.getKey(), header.getValue());
      }
    }
  }

  /** Whether {@code path} (decoded, normalised) is one this pass-through serves. */
  static boolean serves(String path) {
    return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
  }

  private static boolean listedIn(String connection, String name) {
    if (connection == null) {
      return false;
    }
    for (String token : connection.split(",")) {
      if (token.trim().equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  private static long declaredLength(HttpServerRequest request) {
    String value = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    try {
      return value == null ? 0 : Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Lets an unread body flow (and be discarded) so the connection can serve the next request. */
  private static void drain(HttpServerRequest request) {
    if (!request.isEnded()) {
      request.resume();
    }
  }

  private static Throwable unreachable(String base, Throwable failure) {
    if (failure instanceof ApiException) {
      return failure;
    }
    return new ApiException(
        502,
        "CONNECT_UNREACHABLE",
        "The Kafka Connect worker at " + base + " did not answer: " + Responses.reason(failure),
        Map.of("connectRestUrl", base));
  }
}
