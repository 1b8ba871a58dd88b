package dev.railyard.host;

import static dev.railyard.host.AttackRequests.concat;
import static dev.railyard.host.AttackRequests.event;
import static dev.railyard.host.AttackRequests.flood;
import static dev.railyard.host.AttackRequests.has;
import static dev.railyard.host.AttackRequests.json;
import static dev.railyard.host.AttackRequests.post;
import static dev.railyard.host.AttackRequests.putEvents;
import static dev.railyard.host.AttackRequests.raw;
import static dev.railyard.host.AttackRequests.request;
import static dev.railyard.host.AttackRequests.rule;
import static dev.railyard.host.AttackRequests.send;
import static dev.railyard.host.AttackRequests.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.host.AttackRequests.State;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The API attacks of the security issue, against one real platform with a real Connect worker: each
 * is refused, and the rules, connectors, plugins and tokens are the same before and after.
 */
@WithPlatform(
    workers = 1,
    settings = {"http.rate.limit.events.per.second=5", "http.rate.limit.writes.per.second=10"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityAttacksIT {

  private static final String EVIL = "http://evil.example";
  private static final String MASK = "********";
  private static final Duration WAIT = Duration.ofSeconds(60);

  /** Every token, session and CSRF secret the class saw, none of which the audit may show. */
  private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

  @Test
  @Order(1)
  void shouldRefuseCrossSiteFormsWithoutTokenOrCsrfHeader(
      ApiClient api, Platform platform, Path dataDir) {
    String url = platform.apiUrl();
    State before = state(api);
    Session session = login(platform);
    String rule = rule("csrf-rule", "attacks");
    String sink =
        """
        {"name": "csrf-sink", "config": {"connector.class": "FileStreamSink",
         "topics": "railyard.bus.attacks", "file": "%s"}}"""
            .formatted(dataDir.resolve("csrf-sink.jsonl"));
    List<String[]> writes =
        List.of(
            new String[] {"/api/v1/rules:apply?file=csrf.yaml", rule},
            new String[] {"/api/v1/plugins", "maven=org.example:evil:1"},
            new String[] {"/connect/connectors", sink});

    for (String type : List.of("text/plain", "application/x-www-form-urlencoded")) {
      for (String[] write : writes) {
        HttpResponse<String> noToken = send(post(url, write, "Content-Type", type, "Origin", EVIL));
        assertThat(noToken.statusCode()).as(write[0] + " " + noToken.body()).isEqualTo(401);
        HttpResponse<String> noCsrf =
            send(
                post(url, write, "Content-Type", type, "Origin", EVIL, "Cookie", session.cookie()));
        assertThat(noCsrf.statusCode()).as(write[0] + " " + noCsrf.body()).isEqualTo(403);
        assertThat(json(noCsrf.body()).at("/error/code").asText()).isEqualTo("CSRF_CHECK_FAILED");
      }
    }
    assertThat(state(api)).isEqualTo(before);

    // the cookie path is real: with the session's CSRF header the same writes go through
    String[] withCsrf = {
      "Origin", EVIL, "Cookie", session.cookie(), "X-Railyard-CSRF", session.csrf()
    };
    HttpResponse<String> applied =
        send(post(url, writes.get(0), concat(withCsrf, "Content-Type", "application/yaml")));
    assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
    HttpResponse<String> created =
        send(post(url, writes.get(2), concat(withCsrf, "Content-Type", "application/json")));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    HttpResponse<String> upload =
        send(post(url, writes.get(1), concat(withCsrf, "Content-Type", "text/plain")));
    assertThat(upload.statusCode()).as("past the gate, refused for its body").isEqualTo(400);
    assertThat(api.delete("/api/v1/rules/csrf-rule").status()).isEqualTo(200);
    assertThat(api.delete("/connect/connectors/csrf-sink").status()).isEqualTo(204);
  }

  @Test
  @Order(2)
  void shouldRefuseAForeignHostEvenWithAValidToken(ApiClient api, Platform platform) {
    String url = platform.apiUrl();
    String admin = ApiClient.adminToken(platform);
    String port = String.valueOf(URI.create(url).getPort());
    State before = state(api);

    var write = raw(url, "evil.example:" + port, "POST", "/api/v1/rules:apply", admin);
    var read = raw(url, "evil.example:" + port, "GET", "/api/v1/tokens", admin);

    for (var refused : List.of(write, read)) {
      assertThat(refused.status()).as(refused.body()).isEqualTo(403);
      assertThat(json(refused.body()).at("/error/code").asText()).isEqualTo("HOST_NOT_ALLOWED");
      assertThat(refused.body()).doesNotContain("\"tokens\"");
    }
    assertThat(state(api)).isEqualTo(before);
    var local = raw(url, "localhost:" + port, "GET", "/api/v1/tokens", admin);
    assertThat(local.status()).as(local.body()).isEqualTo(200);
  }

  @Test
  @Order(3)
  void shouldMaskSecretsInEveryConnectAnswerAndRefuseInternalRoutes(
      ApiClient api, Platform platform, Path dataDir) {
    ApiClient worker = new ApiClient(platform.workers().connectRestUrl().orElseThrow());
    String config =
        """
        {"connector.class": "FileStreamSink", "topics": "railyard.bus.attacks",
         "file": "%s", "db.password": "s3cret-one"}"""
            .formatted(dataDir.resolve("secretive.jsonl"));
    ApiClient.Response put = api.put("/connect/connectors/secretive/config", config);
    assertThat(put.status()).as(put.body()).isEqualTo(201);

    ApiClient.Response patched =
        api.patch("/connect/connectors/secretive/config", "{\"db.password\": \"s3cret-two\"}");

    assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    assertThat(patched.json().at("/config/db.password").asText()).isEqualTo(MASK);
    await("the worker's task of secretive with the patched secret")
        .atMost(WAIT)
        .until(() -> worker.get("/connectors/secretive/tasks").body().contains("s3cret-two"));
    for (String path :
        List.of(
            "/connectors/secretive",
            "/connectors/secretive/config",
            "/connectors/secretive/tasks",
            "/connectors?expand=info")) {
      ApiClient.Response answer = api.get("/connect" + path);
      assertThat(answer.status()).as(path).isEqualTo(200);
      assertThat(answer.body()).as(path).contains(MASK).doesNotContain("s3cret");
    }
    ApiClient viewer = api.withToken(token(api, "masking-viewer", "viewer", null));
    String tasks = worker.get("/connectors/secretive/tasks").body();

    ApiClient.Response internal = api.post("/connect/connectors/secretive/tasks", "[{}]");
    ApiClient.Response fence = api.put("/connect/connectors/secretive/fence", "{}");
    ApiClient.Response loggers = viewer.get("/connect/admin/loggers");

    assertThat(internal.status()).as(internal.body()).isEqualTo(405);
    assertThat(fence.status()).as(fence.body()).isEqualTo(404);
    assertThat(loggers.status()).as(loggers.body()).isEqualTo(403);
    assertThat(worker.get("/connectors/secretive/tasks").body()).isEqualTo(tasks);
    assertThat(api.get("/connect/admin/loggers").status()).isEqualTo(200);
    assertThat(api.delete("/connect/connectors/secretive").status()).isEqualTo(204);
  }

  @Test
  @Order(4)
  void shouldRefuseEveryWriteOfAViewerAndEverythingOfARevokedToken(ApiClient api) {
    ApiClient viewer = api.withToken(token(api, "viewer", "viewer", null));
    ApiClient revoked = api.withToken(token(api, "short-lived", "editor", null));
    String sink =
        "{\"connector.class\": \"FileStreamSink\", \"topics\": \"t\", \"file\": \"v.jsonl\"}";
    assertThat(api.delete("/api/v1/tokens/short-lived").status()).isEqualTo(200);
    State before = state(api);

    List<ApiClient.Response> refused =
        List.of(
            viewer.post("/api/v1/rules:apply", "application/yaml", rule("viewer-rule", "attacks")),
            viewer.put("/api/v1/connectors/viewer-sink", sink),
            viewer.post("/api/v1/plugins", "{\"maven\": \"org.example:evil:1\"}"),
            viewer.put("/connect/connectors/viewer-sink/config", sink),
            viewer.post("/api/v1/tokens", "{\"name\": \"escalated\", \"role\": \"admin\"}"),
            viewer.delete("/api/v1/tokens/admin"));
    List<ApiClient.Response> unknown =
        List.of(
            revoked.get("/api/v1/rules"),
            revoked.post("/api/v1/rules:apply", "application/yaml", rule("late-rule", "attacks")),
            revoked.put("/api/v1/connectors/late-sink", sink));

    refused.forEach(r -> assertThat(r.status()).as(r.body()).isEqualTo(403));
    refused.forEach(r -> assertThat(r.json().at("/error/code").asText()).isEqualTo("FORBIDDEN"));
    unknown.forEach(r -> assertThat(r.status()).as(r.body()).isEqualTo(401));
    assertThat(state(api)).isEqualTo(before);
    assertThat(viewer.get("/api/v1/rules").status()).isEqualTo(200);
  }

  @Test
  @Order(5)
  void shouldLimitAFloodingPublisherAloneAndPublishEveryAcceptedEvent(
      ApiClient api, Platform platform) {
    String url = platform.apiUrl();
    String flooder = token(api, "flooder", "publisher", null);
    String other = token(api, "bystander", "publisher", null);

    warmUp(api, "flood");
    List<HttpResponse<String>> flood = flood(url, flooder, "flood", 40);
    List<HttpResponse<String>> calm = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      calm.add(send(putEvents(url, other, "flood", "calm-" + i)));
    }

    List<HttpResponse<String>> limited = flood.stream().filter(r -> r.statusCode() == 429).toList();
    List<HttpResponse<String>> accepted =
        flood.stream().filter(r -> r.statusCode() == 200).toList();
    assertThat(limited).as("429s of the flood").isNotEmpty();
    assertThat(accepted.size() + limited.size()).isEqualTo(flood.size());
    for (HttpResponse<String> r : limited) {
      assertThat(r.headers().firstValueAsLong("Retry-After").orElse(0)).isPositive();
      assertThat(json(r.body()).at("/error/code").asText()).isEqualTo("RATE_LIMITED");
    }
    calm.forEach(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(200));
    List<String> ids = new ArrayList<>();
    for (HttpResponse<String> r : Stream.concat(accepted.stream(), calm.stream()).toList()) {
      ids.add(json(r.body()).at("/entries/0/eventId").asText());
    }
    List<JsonNode> onBus = new ArrayList<>();
    await(ids.size() + " accepted events on the bus flood")
        .atMost(WAIT)
        .until(
            () -> {
              onBus.clear();
              AttackRequests.busEvents(platform.bootstrapServers(), "flood").stream()
                  .filter(e -> !e.path("source").asText().equals("warmup"))
                  .forEach(onBus::add);
              return onBus.size() >= ids.size();
            });
    // each accepted event once (no duplicates), and none of the refused ones
    assertThat(onBus)
        .extracting(e -> e.path("id").asText())
        .containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  @Order(6)
  void shouldKeepABusLimitedTokenToItsBus(ApiClient api, Platform platform) {
    String bootstrap = platform.bootstrapServers();
    ApiClient orders = api.withToken(token(api, "orders-editor", "editor", "orders"));
    warmUp(api, "orders");
    warmUp(api, "payments");
    RuleFixtures.applyOk(api, rule("pay-rule", "payments"));
    State before = state(api);

    List<ApiClient.Response> refused =
        List.of(
            orders.post("/api/v1/events", "[" + event("payments", "sneaky") + "]"),
            orders.post(
                "/api/v1/events",
                "[" + event("orders", "sneaky") + "," + event("payments", "sneaky") + "]"),
            orders.post("/api/v1/rules:apply", "application/yaml", rule("sneaky", "payments")),
            orders.post(
                "/api/v1/rules:apply",
                "application/yaml",
                rule("sneaky-orders", "orders") + "---\n" + rule("sneaky", "payments")));

    for (ApiClient.Response r : refused) {
      assertThat(r.status()).as(r.body()).isEqualTo(403);
      assertThat(r.json().at("/error/code").asText()).isEqualTo("BUS_NOT_ALLOWED");
    }
    assertThat(state(api)).isEqualTo(before);
    for (String bus : List.of("orders", "payments")) {
      assertThat(AttackRequests.busEvents(bootstrap, bus))
          .noneMatch(e -> e.path("source").asText().equals("sneaky"));
    }
    RuleFixtures.applyOk(orders, rule("orders-rule", "orders"));
    JsonNode visible = orders.get("/api/v1/rules").json();
    assertThat(visible).extracting(r -> r.path("name").asText()).contains("orders-rule");
    assertThat(visible).allSatisfy(r -> assertThat(r.path("bus").asText()).isEqualTo("orders"));
    assertThat(api.get("/api/v1/rules").body()).contains("pay-rule");
  }

  @Test
  @Order(7)
  void shouldAuditEveryRefusedWriteWithItsStatusAndNoSecret(
      ApiClient api, Platform platform, Path dataDir) throws Exception {
    String url = platform.apiUrl();
    ApiClient viewer = api.withToken(token(api, "audited-viewer", "viewer", null));
    assertThat(api.withToken(null).post("/api/v1/rules:apply", "{}").status()).isEqualTo(401);
    assertThat(viewer.post("/api/v1/tokens", "{}").status()).isEqualTo(403);
    warmUp(api, "audited");
    assertThat(flood(url, token(api, "audited-flooder", "publisher", null), "audited", 30))
        .anyMatch(r -> r.statusCode() == 429);

    await("the audit entries of the refused writes")
        .atMost(WAIT)
        .until(
            () -> {
              JsonNode entries = api.get("/api/v1/audit?limit=1000").json().path("entries");
              return has(entries, null, "/api/v1/rules:apply", 401)
                  && has(entries, "audited-viewer", "/api/v1/tokens", 403)
                  && has(entries, "audited-flooder", "/api/v1/events", 429)
                  && has(entries, "viewer", "/api/v1/plugins", 403)
                  && has(entries, null, "/connect/connectors", 401)
                  && has(entries, "admin", "/connect/connectors/secretive/tasks", 405)
                  && has(entries, "orders-editor", "/api/v1/events", 403);
            });
    String audit = api.get("/api/v1/audit?limit=1000").body();
    SECRETS.add(ApiClient.adminToken(platform));
    for (String secret : SECRETS) {
      assertThat(audit).doesNotContain(secret);
    }
    JsonNode entries = json(audit).path("entries");
    // the log writes its file on a thread of its own: wait until it has caught up
    List<String> lines =
        await("the audit file holding every entry")
            .atMost(WAIT)
            .until(
                () -> Files.readAllLines(dataDir.resolve("logs/audit.log")),
                l -> l.size() >= entries.size());
    assertThat(lines).hasSize(entries.size());
    for (int i = 0; i < lines.size(); i++) {
      assertThat(json(lines.get(i))).isEqualTo(entries.get(i));
    }
  }

  /**
   * Puts one event on a bus first, so its topic exists before the flood: a flood racing the topic's
   * creation is BusTopicsTest's, as Kafka may lose such events (KAFKA-15591).
   */
  private static void warmUp(ApiClient api, String bus) {
    ApiClient.Response put = api.post("/api/v1/events", "[" + event(bus, "warmup") + "]");
    assertThat(put.status()).as(put.body()).isEqualTo(200);
  }

  /** A browser's session: the cookie header value and the CSRF token of the session. */
  private record Session(String cookie, String csrf) {}

  /** Logs in as the login page does: GET /api/v1/session with the admin token as bearer. */
  private static Session login(Platform platform) {
    String admin = ApiClient.adminToken(platform);
    HttpResponse<String> answer =
        send(request(platform.apiUrl(), "/api/v1/session", "Authorization", "Bearer " + admin));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    String setCookie =
        answer.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("railyard_session="))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no session cookie: " + answer.headers()));
    Session session =
        new Session(
            setCookie.substring(0, setCookie.indexOf(';')),
            json(answer.body()).path("csrf").asText());
    SECRETS.add(session.cookie().substring(session.cookie().indexOf('=') + 1));
    SECRETS.add(session.csrf());
    return session;
  }

  /** Creates a token as admin (buses: one bus or null) and answers its secret. */
  private static String token(ApiClient api, String name, String role, String bus) {
    String buses = bus == null ? "" : ", \"buses\": [\"" + bus + "\"]";
    ApiClient.Response created =
        api.post(
            "/api/v1/tokens",
            "{\"name\": \"%s\", \"role\": \"%s\"%s}".formatted(name, role, buses));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String secret = created.json().path("token").asText();
    SECRETS.add(secret);
    return secret;
  }
}
