package dev.railyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.api.security.Role;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tokens, sessions and the checks around them, as a client sees them: the token routes, browser
 * log-in with its cookie and CSRF token, HTTP Basic on the Connect pass-through, foreign hosts, and
 * the cross-site writes a page of another site could send.
 */
class SecurityRoutesTest {

  @RegisterExtension static final RunningApi api = new RunningApi();

  @Test
  void shouldCreateATokenThatWorksOnceListItWithoutItsSecretAndRevokeIt() {
    HttpResponse<String> created =
        api.sendJson("POST", "/api/v1/tokens", "{\"name\":\"ci\",\"role\":\"viewer\"}");
    JsonObject token = RunningApi.json(created);

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(token.getString("token")).startsWith("ry_");
    assertThat(as(token.getString("token"), "/api/v1/rules").statusCode()).isEqualTo(200);
    assertThat(api.get("/api/v1/tokens").body())
        .contains("\"ci\"")
        .doesNotContain(token.getString("token"));

    HttpResponse<String> revoked = api.sendJson("DELETE", "/api/v1/tokens/ci", null);

    assertThat(revoked.statusCode()).isEqualTo(200);
    HttpResponse<String> after = as(token.getString("token"), "/api/v1/rules");
    assertThat(after.statusCode()).isEqualTo(401);
    assertThat(RunningApi.error(after).getString("code")).isEqualTo("INVALID_TOKEN");
  }

  @Test
  void shouldRefuseABadTokenRequestNamingTheFieldAndStoreNothing() {
    int before = api.security().security().tokens().list().size();

    HttpResponse<String> badRole =
        api.sendJson("POST", "/api/v1/tokens", "{\"name\":\"x\",\"role\":\"root\"}");
    HttpResponse<String> unknownField =
        api.sendJson("POST", "/api/v1/tokens", "{\"name\":\"x\",\"role\":\"viewer\",\"ttl\":1}");
    HttpResponse<String> taken =
        api.sendJson("POST", "/api/v1/tokens", "{\"name\":\"test-admin\",\"role\":\"viewer\"}");

    assertThat(badRole.statusCode()).isEqualTo(400);
    assertThat(RunningApi.error(badRole).getString("message"))
        .isEqualTo("role: 'root' is not a role; valid roles are admin, editor, viewer, publisher");
    assertThat(RunningApi.error(unknownField).getJsonObject("details").getString("field"))
        .isEqualTo("ttl");
    assertThat(RunningApi.error(taken).getString("message")).contains("exists already");
    assertThat(api.security().security().tokens().list()).hasSize(before);
  }

  @Test
  void shouldKeepTheLastAdminToken() {
    HttpResponse<String> response = api.sendJson("DELETE", "/api/v1/tokens/test-admin", null);

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(RunningApi.error(response).getString("code")).isEqualTo("LAST_ADMIN_TOKEN");
  }

  @Test
  void shouldLogABrowserInWithAStrictHttpOnlyCookieAndDemandCsrfOnWrites() {
    HttpResponse<String> login = as(api.security().secret(Role.EDITOR), "/api/v1/session");
    String setCookie = login.headers().firstValue("set-cookie").orElseThrow();
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    String csrf = RunningApi.json(login).getString("csrf");

    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(setCookie).containsIgnoringCase("HttpOnly").contains("SameSite=Strict");
    assertThat(withCookie(cookie, "GET", "/api/v1/rules", null).statusCode()).isEqualTo(200);
    HttpResponse<String> noCsrf = withCookie(cookie, "DELETE", "/api/v1/rules/a", null);
    assertThat(noCsrf.statusCode()).isEqualTo(403);
    assertThat(RunningApi.error(noCsrf).getString("code")).isEqualTo("CSRF_CHECK_FAILED");
    assertThat(withCookie(cookie, "DELETE", "/api/v1/rules/a", csrf).statusCode())
        .isNotIn(401, 403);
  }

  @Test
  void shouldRefuseCrossSitePlainTextAndFormPosts() {
    HttpResponse<String> login = as(api.security().secret(Role.ADMIN), "/api/v1/session");
    String setCookie = login.headers().firstValue("set-cookie").orElseThrow();
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    int applied = api.platform().rules.calls.size();

    for (String path :
        new String[] {"/api/v1/rules:apply", "/api/v1/plugins", "/connect/connectors"}) {
      for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded"}) {
        HttpRequest.Builder anonymous =
            api.anonymous(path)
                .header("Content-Type", type)
                .header("Origin", "http://evil.example")
                .POST(BodyPublishers.ofString("{\"name\":\"x\"}"));
        HttpRequest.Builder cookied =
            api.anonymous(path)
                .header("Content-Type", type)
                .header("Origin", "http://evil.example")
                .header("Cookie", cookie)
                .POST(BodyPublishers.ofString("{\"name\":\"x\"}"));

        assertThat(api.exchange(anonymous, BodyHandlers.ofString()).statusCode())
            .as(type + " " + path)
            .isEqualTo(401);
        assertThat(api.exchange(cookied, BodyHandlers.ofString()).statusCode())
            .as(type + " " + path + " with the cookie")
            .isEqualTo(403);
      }
    }
    assertThat(api.platform().rules.calls).hasSize(applied);
  }

  @Test
  void shouldReadOnlyBodiesOfTheExpectedType() {
    HttpResponse<String> yamlAsText =
        api.send("POST", "/api/v1/rules:apply", "apiVersion: railyard/v1", "text/plain");
    HttpResponse<String> jsonAsForm =
        api.send("POST", "/api/v1/events", "[]", "application/x-www-form-urlencoded");

    assertThat(yamlAsText.statusCode()).isEqualTo(415);
    assertThat(RunningApi.error(yamlAsText).getString("message")).contains("application/yaml");
    assertThat(jsonAsForm.statusCode()).isEqualTo(415);
  }

  @Test
  void shouldTakeATokenAsTheBasicPasswordOnTheConnectPassThroughOnly() {
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    ("kcctl:" + api.security().secret(Role.VIEWER))
                        .getBytes(StandardCharsets.UTF_8));

    HttpResponse<String> connect =
        api.exchange(
            api.anonymous("/connect/connectors").header("Authorization", basic).GET(),
            BodyHandlers.ofString());
    HttpResponse<String> rules =
        api.exchange(
            api.anonymous("/api/v1/rules").header("Authorization", basic).GET(),
            BodyHandlers.ofString());
    HttpResponse<String> none =
        api.exchange(api.anonymous("/connect/connectors").GET(), BodyHandlers.ofString());

    assertThat(connect.statusCode()).isNotIn(401, 403);
    assertThat(rules.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("www-authenticate"))
        .hasValueSatisfying(
            challenge -> assertThat(challenge).contains("Bearer").contains("Basic"));
  }

  @Test
  void shouldRefuseAForeignHostAndServeIpAddressesAndAllowedNames() throws IOException {
    String token = api.security().secret(Role.ADMIN);

    assertThat(rawStatus("evil.example", token)).isEqualTo(403);
    assertThat(rawStatus("localhost", token)).isEqualTo(200);
    assertThat(rawStatus("127.0.0.1", token)).isEqualTo(200);
  }

  @Test
  void shouldSayOnlyUpOrDownOnHealthWithoutAToken() {
    HttpResponse<String> anonymous =
        api.exchange(api.anonymous("/health").GET(), BodyHandlers.ofString());
    HttpResponse<String> viewer = as(api.security().secret(Role.VIEWER), "/health");

    assertThat(RunningApi.json(anonymous).fieldNames()).containsExactly("status");
    assertThat(RunningApi.json(viewer).containsKey("components")).isTrue();
  }

  @Test
  void shouldSendABrowserWithoutASessionToTheLoginPage() {
    HttpResponse<String> page =
        api.exchange(
            api.anonymous("/").header("Accept", "text/html").GET(), BodyHandlers.ofString());
    HttpResponse<String> login =
        api.exchange(api.anonymous("/login").GET(), BodyHandlers.ofString());

    assertThat(page.statusCode()).isEqualTo(401);
    assertThat(page.body()).contains("url=/login");
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.body()).contains("login.js");
  }

  @Test
  void shouldLetABusScopedTokenPutEventsOnItsBusesOnly() {
    String token =
        api.security().limitedTo(Role.PUBLISHER, "orders-publisher", java.util.Set.of("orders"));

    HttpResponse<String> own =
        putEvents(token, "[{\"bus\":\"orders\",\"source\":\"s\",\"type\":\"t\"}]");
    int published = api.platform().events.received.size();
    HttpResponse<String> mixed =
        putEvents(
            token,
            "[{\"bus\":\"orders\",\"source\":\"s\",\"type\":\"t\"},"
                + "{\"source\":\"s\",\"type\":\"t\"}]");

    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(mixed.statusCode()).isEqualTo(403);
    assertThat(RunningApi.error(mixed).getString("message"))
        .contains("Entry 1 is for the bus 'default'");
    assertThat(api.platform().events.received).hasSize(published);
  }

  @Test
  void shouldKeepABusScopedTokenToTheRulesOfItsBuses() {
    String token =
        api.security().limitedTo(Role.EDITOR, "orders-editor", java.util.Set.of("orders"));
    api.platform().rules.buses.put("on-orders", "orders");
    api.platform().rules.buses.put("on-payments", "payments");
    api.platform().rules.reply = dev.railyard.api.platform.Outcome.ok(java.util.Map.of());

    HttpResponse<String> own = as(token, "/api/v1/rules/on-orders");
    HttpResponse<String> other = as(token, "/api/v1/rules/on-payments");
    HttpResponse<String> deleteOther =
        api.exchange(
            api.anonymous("/api/v1/rules/on-payments")
                .header("Authorization", "Bearer " + token)
                .DELETE(),
            BodyHandlers.ofString());
    as(token, "/api/v1/rules");
    api.exchange(
        api.anonymous("/api/v1/rules:apply")
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/yaml")
            .POST(BodyPublishers.ofString("x: 1")),
        BodyHandlers.ofString());

    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(deleteOther.statusCode()).isEqualTo(404);
    assertThat(api.platform().rules.calls)
        .containsExactly(
            "get on-orders",
            "list [orders]",
            "apply request dryRun=false prune=false scope=[orders] x: 1");
  }

  private static HttpResponse<String> putEvents(String token, String body) {
    return api.exchange(
        api.anonymous("/api/v1/events")
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString(body)),
        BodyHandlers.ofString());
  }

  private static HttpResponse<String> as(String token, String path) {
    return api.exchange(
        api.anonymous(path).header("Authorization", "Bearer " + token).GET(),
        BodyHandlers.ofString());
  }

  private static HttpResponse<String> withCookie(
      String cookie, String method, String path, String csrf) {
    HttpRequest.Builder request =
        api.anonymous(path).header("Cookie", cookie).method(method, BodyPublishers.noBody());
    if (csrf != null) {
      request.header(AccessGate.CSRF_HEADER, csrf);
    }
    return api.exchange(request, BodyHandlers.ofString());
  }

  /**
   * The status of a GET sent with a Host header of our choice (java.net.http forbids setting it).
   */
  private static int rawStatus(String host, String token) throws IOException {
    URI uri = URI.create(api.url("/api/v1/rules"));
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /api/v1/rules HTTP/1.1\r\nHost: "
                  + host
                  + ":"
                  + uri.getPort()
                  + "\r\nAuthorization: Bearer "
                  + token
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      String status = in.readLine();
      return Integer.parseInt(status.split(" ")[1]);
    }
  }
}
