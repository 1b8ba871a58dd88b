package dev.railyard.api;

import dev.railyard.api.security.Caller;
import dev.railyard.api.security.Sessions;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Browser log-in. {@code GET /api/v1/session} says who the caller is; called with {@code
 * Authorization: Bearer} it also starts a session and sets its HttpOnly, SameSite=Strict cookie (a
 * GET, as a cross-site page cannot attach that header without a CORS pre-flight, which this server
 * never grants). The answer carries the session's CSRF token for the page's writes. {@code GET
 * /logout} ends the session and goes back to the login page.
 */
final class SessionRoutes {

  private static final String SESSION = "/api/v1/session";

  private final Sessions sessions;

  SessionRoutes(Sessions sessions) {
    this.sessions = sessions;
  }

  void mount(Router router) {
    router.get(SESSION).handler(RequestObserver.route(SESSION)).handler(this::whoAmI);
    router.get("/logout").handler(RequestObserver.route("/logout")).handler(this::logout);
  }

  private void whoAmI(RoutingContext ctx) {
    Caller caller = AccessGate.caller(ctx).orElseThrow();
    Sessions.Session session = caller.session();
    if (caller.via() == Caller.Via.BEARER) {
      session = sessions.start(caller.token().id());
      ctx.response().addCookie(cookie(ctx, session.id(), Sessions.LIFETIME.toSeconds()));
    }
    var body = TokenRoutes.describe(caller.token()).put("via", caller.via().name().toLowerCase());
    if (session != null) {
      body.put("csrf", session.csrf()).put("csrfHeader", AccessGate.CSRF_HEADER);
    }
    Responses.json(ctx, 200, body);
  }

  private void logout(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(AccessGate.COOKIE);
    if (cookie != null) {
      sessions.end(cookie.getValue());
    }
    ctx.response()
        .addCookie(cookie(ctx, "", 0))
        .setStatusCode(303)
        .putHeader(HttpHeaders.LOCATION, "/login")
        .end();
  }

  private static Cookie cookie(RoutingContext ctx, String value, long maxAgeSeconds) {
    return Cookie.cookie(AccessGate.COOKIE, value)
        .setPath("/")
        .setHttpOnly(true)
        .setSameSite(CookieSameSite.STRICT)
        .setSecure(ctx.request().isSSL())
        .setMaxAge(maxAgeSeconds);
  }
}
