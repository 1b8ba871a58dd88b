package dev.railyard.api;

import dev.railyard.api.eventbridge.EventBridgeRoutes;
import dev.railyard.api.security.Access;
import dev.railyard.api.security.AccessPolicy;
import dev.railyard.api.security.AuditTrail;
import dev.railyard.api.security.Caller;
import dev.railyard.api.security.RateLimits;
import dev.railyard.api.security.Sessions;
import dev.railyard.api.security.Token;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs before every route: refuses a foreign {@code Host}, finds the caller's token (bearer header,
 * the session cookie, or on {@code /connect/**} HTTP Basic with the token as password), checks a
 * cookie-borne write for its CSRF token or a same-origin {@code Origin}, and checks the token's
 * role against the access the route's OpenAPI operation names ({@link EventBridgeRoutes} checks its
 * own SigV4 signatures and roles). The caller is then available to routes as {@link
 * #caller(RoutingContext)}.
 */
final class AccessGate implements Handler<RoutingContext> {

  static final String COOKIE = "railyard_session";
  static final String CSRF_HEADER = "X-Railyard-CSRF";
  private static final String WWW_AUTHENTICATE = "WWW-Authenticate";
  private static final String CALLER_KEY = Caller.CONTEXT_KEY;
  private static final Set<HttpMethod> SAFE =
      Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
  private static final Set<String> PAGES = Set.of("/", "/index.html");
  private static final String EVENTS = "/api/v1/events";

  private final ApiSecurity security;
  private final AccessPolicy policy;

  AccessGate(ApiSecurity security, AccessPolicy policy) {
    this.security = security;
    this.policy = policy;
  }

  /** The caller of a request the gate let through; empty on public routes without a token. */
  static Optional<Caller> caller(RoutingContext ctx) {
    return Optional.ofNullable(ctx.get(CALLER_KEY));
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    HostAndPort authority = request.authority();
    String host = authority == null ? null : authority.host();
    if (!security.hosts().allows(host)) {
      refuseHost(ctx, host);
      return;
    }
    String path = ctx.normalizedPath();
    if (!SAFE.contains(request.method())) {
      ctx.addEndHandler(done -> audit(ctx, path));
    }
    if (EventBridgeRoutes.serves(request)) {
      // the EventBridge API verifies its own SigV4 signatures, which cover the body
      ctx.next();
      return;
    }
    Access access = policy.required(request.method().name(), path);
    Optional<Caller> caller;
    try {
      caller = authenticate(ctx, path);
    } catch (ApiException e) {
      unauthorized(ctx, path, e.code(), e.getMessage());
      return;
    }
    if (caller.isEmpty()) {
      if (access == Access.PUBLIC) {
        ctx.next();
      } else if (wantsPage(ctx, path)) {
        loginPage(ctx);
      } else {
        unauthorized(
            ctx,
            path,
            "MISSING_TOKEN",
            "This route needs a token: send "
                + "'Authorization: Bearer <token>' (an admin's is in <data.dir>/admin.token)");
      }
      return;
    }
    Caller who = caller.get();
    ctx.put(CALLER_KEY, who);
    ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    if (who.via() == Caller.Via.SESSION
        && !SAFE.contains(request.method())
        && !sameSite(ctx, who)) {
      Responses.error(
          ctx,
          403,
          "CSRF_CHECK_FAILED",
          "A request made with the session cookie that changes something must carry the "
              + CSRF_HEADER
              + " header of the session (GET /api/v1/session answers it)"
              + " or come from this origin",
          null);
      return;
    }
    if (!access.allows(who.token().role())) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("token", who.token().name());
      details.put("role", who.token().role().id());
      details.put("needs", access.id());
      Responses.error(
          ctx,
          403,
          "FORBIDDEN",
          request.method().name()
              + " "
              + path
              + " needs the "
              + access.id()
              + " role or higher;"
              + " the token '"
              + who.token().name()
              + "' is a "
              + who.token().role().id(),
          details);
      return;
    }
    if (!SAFE.contains(request.method()) && limited(ctx, who, path)) {
      return;
    }
    ctx.next();
  }

  /** Answers 429 with Retry-After when the caller's token is over its rate. */
  private boolean limited(RoutingContext ctx, Caller who, String path) {
    RateLimits.Kind kind = path.equals(EVENTS) ? RateLimits.Kind.EVENTS : RateLimits.Kind.WRITES;
    long wait = security.limits().acquire(who.token().id(), kind);
    if (wait == 0) {
      return false;
    }
    ctx.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(wait));
    Responses.json(
        ctx,
        429,
        Responses.errorBody(
            "RATE_LIMITED",
            "The token '"
                + who.token().name()
                + "' is over its rate of "
                + security.limits().rate(kind)
                + (kind == RateLimits.Kind.EVENTS ? " PutEvents calls" : " writes")
                + " per second; retry after "
                + wait
                + " s",
            Map.of("retryAfterSeconds", wait)));
    return true;
  }

  private void audit(RoutingContext ctx, String path) {
    Caller who = ctx.get(CALLER_KEY);
    Object route = ctx.get(RequestObserver.ROUTE_KEY);
    security
        .audit()
        .record(
            new AuditTrail.Entry(
                Instant.now(),
                who == null ? null : who.token().id(),
                who == null ? null : who.token().name(),
                who == null ? null : who.token().role().id(),
                ctx.request().method().name(),
                route == null ? path : route.toString(),
                path,
                ctx.response().getStatusCode(),
                ctx.request().remoteAddress() == null
                    ? null
                    : ctx.request().remoteAddress().hostAddress()));
  }

  private Optional<Caller> authenticate(RoutingContext ctx, String path) {
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header != null) {
      int space = header.indexOf(' ');
      String scheme = space < 0 ? header : header.substring(0, space);
      String value = space < 0 ? "" : header.substring(space + 1).trim();
      if (scheme.equalsIgnoreCase("Bearer")) {
        return Optional.of(new Caller(known(value), Caller.Via.BEARER, null));
      }
      if (scheme.equalsIgnoreCase("Basic") && ConnectProxy.serves(path)) {
        return Optional.of(new Caller(known(basicPassword(value)), Caller.Via.BASIC, null));
      }
      throw new ApiException(
          401,
          "UNSUPPORTED_AUTHORIZATION",
          "Authorization must be 'Bearer <token>'"
              + (ConnectProxy.serves(path) ? " or Basic with the token as the password" : ""),
          null);
    }
    Cookie cookie = ctx.request().getCookie(COOKIE);
    if (cookie == null) {
      return Optional.empty();
    }
    Optional<Sessions.Session> session = security.sessions().use(cookie.getValue());
    if (session.isEmpty()) {
      throw new ApiException(
          401, "SESSION_EXPIRED", "The session has ended; log in again with a token", null);
    }
    Optional<Token> token = security.tokens().byId(session.get().tokenId());
    if (token.isEmpty()) {
      security.sessions().end(session.get().id());
      throw new ApiException(
          401, "TOKEN_REVOKED", "The token this session logged in with was revoked", null);
    }
    return Optional.of(new Caller(token.get(), Caller.Via.SESSION, session.get()));
  }

  private Token known(String secret) {
    return security
        .tokens()
        .authenticate(secret)
        .orElseThrow(
            () ->
                new ApiException(
                    401,
                    "INVALID_TOKEN",
                    "The token is not known: it is mistyped or was revoked",
                    null));
  }

  private static String basicPassword(String encoded) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ApiException(
          401,
          "MALFORMED_AUTHORIZATION",
          "Basic credentials must be base64 of <user>:<token>",
          null);
    }
    int colon = decoded.indexOf(':');
    return colon < 0 ? decoded : decoded.substring(colon + 1);
  }

  /** A cookie write carries the session's CSRF token, or an Origin of this very server. */
  private static boolean sameSite(RoutingContext ctx, Caller who) {
    String csrf = ctx.request().getHeader(CSRF_HEADER);
    if (csrf != null && who.session() != null && csrf.equals(who.session().csrf())) {
      return true;
    }
    String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
    HostAndPort authority = ctx.request().authority();
    return origin != null
        && authority != null
        && origin.equalsIgnoreCase(ctx.request().scheme() + "://" + authority);
  }

  private void refuseHost(RoutingContext ctx, String host) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("host", host);
    details.put("allowed", security.hosts().names());
    Responses.error(
        ctx,
        403,
        "HOST_NOT_ALLOWED",
        "Requests for the host '"
            + host
            + "' are refused: it is not one of http.allowed.hosts "
            + security.hosts().names()
            + " (add it there if Railyard is meant to answer to it)",
        details);
  }

  private static void unauthorized(RoutingContext ctx, String path, String code, String message) {
    String challenge = "Bearer realm=\"railyard\"";
    if (ConnectProxy.serves(path)) {
      challenge += ", Basic realm=\"railyard\"";
    }
    ctx.response().putHeader(WWW_AUTHENTICATE, challenge);
    Responses.json(ctx, 401, Responses.errorBody(code, message, null));
  }

  private static boolean wantsPage(RoutingContext ctx, String path) {
    String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
    return ctx.request().method() == HttpMethod.GET
        && PAGES.contains(path)
        && accept != null
        && accept.contains("text/html");
  }

  /** A browser without a session is sent to the login page, still with the 401 status. */
  private static void loginPage(RoutingContext ctx) {
    ctx.response()
        .setStatusCode(401)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
        .putHeader(WWW_AUTHENTICATE, "Bearer realm=\"railyard\"")
        .end(
            "<!doctype html><meta http-equiv=\"refresh\" content=\"0; url=/login\">"
                + "<title>Railyard</title><a href=\"/login\">Log in to Railyard</a>\n");
  }
}
