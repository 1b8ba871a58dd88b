package dev.railyard.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.api.security.Role;
import dev.railyard.api.security.Token;
import dev.railyard.api.security.TokenStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v1/tokens}: admins list, create and revoke tokens. A new token is answered once, as
 * {@code token}; only its hash is kept. With {@code "kind": "aws"} the token is an AWS key pair for
 * the EventBridge API, answered once as {@code accessKeyId} and {@code secretAccessKey}. Revoking a
 * token ends its browser sessions; the last admin token cannot be revoked, so the API never locks
 * out everyone.
 */
final class TokenRoutes {

  private static final String BASE = "/api/v1/tokens";
  private static final String ONE = BASE + "/:id";
  private static final String BEARER = "bearer";
  private static final String AWS = "aws";

  private final ApiSecurity security;
  private final BodyHandler bodies;

  TokenRoutes(ApiSecurity security, BodyHandler bodies) {
    this.security = security;
    this.bodies = bodies;
  }

  void mount(Router router) {
    router.get(BASE).handler(RequestObserver.route(BASE)).handler(this::list);
    router.post(BASE).handler(RequestObserver.route(BASE)).handler(bodies).handler(this::create);
    router.delete(ONE).handler(RequestObserver.route(ONE)).handler(this::revoke);
  }

  private void list(RoutingContext ctx) {
    JsonArray tokens = new JsonArray();
    security.tokens().list().forEach(t -> tokens.add(describe(t)));
    Responses.json(ctx, 200, new JsonObject().put("tokens", tokens));
  }

  private void create(RoutingContext ctx) {
    JsonNode body = JsonBodies.read(ctx);
    if (!body.isObject()) {
      throw ApiException.badRequest(
          "INVALID_TOKEN_REQUEST",
          "The body must be an object {\"name\", \"role\", \"buses\"?}, not "
              + JsonBodies.kind(body),
          null);
    }
    for (var names = body.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!Set.of("name", "role", "buses", "kind").contains(field)) {
        throw invalid(field, "is not a field of a token; fields are name, role, buses and kind");
      }
    }
    JsonNode kind = body.get("kind");
    if (kind != null
        && !(kind.isTextual() && (kind.asText().equals(BEARER) || kind.asText().equals(AWS)))) {
      throw invalid(
          "kind",
          "must be \"bearer\" (the default) or \"aws\" (a key pair for the EventBridge API),"
              + " not "
              + kind);
    }
    boolean keyPair = kind != null && kind.asText().equals(AWS);
    JsonNode name = body.get("name");
    if (name == null || !name.isTextual()) {
      throw invalid("name", "is required: a string such as \"ci-publisher\"");
    }
    JsonNode role = body.get("role");
    if (role == null || !role.isTextual()) {
      throw invalid("role", "is required: one of " + Role.names());
    }
    Role parsed;
    try {
      parsed = Role.parse(role.asText());
    } catch (IllegalArgumentException e) {
      throw invalid("role", e.getMessage());
    }
    Set<String> buses = buses(body.get("buses"));
    ctx.vertx()
        .executeBlocking(
            () ->
                keyPair
                    ? security.tokens().createKeyPair(name.asText(), parsed, buses)
                    : security.tokens().create(name.asText(), parsed, buses))
        .onSuccess(
            issued ->
                Responses.json(
                    ctx,
                    201,
                    describe(issued.token())
                        .put(keyPair ? "secretAccessKey" : "token", issued.secret())))
        .onFailure(
            failure -> {
              if (failure instanceof IllegalArgumentException e) {
                String message = e.getMessage();
                int colon = message.indexOf(':');
                ctx.fail(invalid(message.substring(0, colon), message.substring(colon + 2)));
              } else {
                ctx.fail(failure);
              }
            });
  }

  private void revoke(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    TokenStore tokens = security.tokens();
    ctx.vertx()
        .executeBlocking(
            () -> {
              synchronized (tokens) {
                Token token = tokens.find(id).orElse(null);
                if (token == null) {
                  return null;
                }
                long admins = tokens.list().stream().filter(t -> t.role() == Role.ADMIN).count();
                if (token.role() == Role.ADMIN && admins == 1) {
                  throw new ApiException(
                      409,
                      "LAST_ADMIN_TOKEN",
                      "'"
                          + token.name()
                          + "' is the only admin token; create another admin"
                          + " token before revoking it",
                      Map.of("id", token.id()));
                }
                tokens.revoke(token.id());
                security.sessions().endAll(token.id());
                security.limits().forget(token.id());
                return token;
              }
            })
        .onSuccess(
            token -> {
              if (token == null) {
                Responses.error(
                    ctx,
                    404,
                    "TOKEN_NOT_FOUND",
                    "No token has the id or name '" + id + "'",
                    Map.of("id", id));
              } else {
                Responses.json(ctx, 200, describe(token).put("revoked", true));
              }
            })
        .onFailure(ctx::fail);
  }

  private static Set<String> buses(JsonNode node) {
    Set<String> buses = new LinkedHashSet<>();
    if (node == null || node.isNull()) {
      return buses;
    }
    if (!node.isArray()) {
      throw invalid(
          "buses", "must be a list of bus names, e.g. [\"orders\"], not " + JsonBodies.kind(node));
    }
    for (int i = 0; i < node.size(); i++) {
      if (!node.get(i).isTextual()) {
        throw invalid(
            "buses[" + i + "]", "must be a bus name, not " + JsonBodies.kind(node.get(i)));
      }
      buses.add(node.get(i).asText());
    }
    return buses;
  }

  /** A token as answered: everything but its hash. */
  static JsonObject describe(Token token) {
    JsonObject described =
        new JsonObject()
            .put("id", token.id())
            .put("name", token.name())
            .put("kind", token.awsKeyPair() ? AWS : BEARER);
    if (token.awsKeyPair()) {
      described.put("accessKeyId", token.accessKeyId());
    }
    return described
        .put("role", token.role().id())
        .put("buses", new JsonArray(token.buses().stream().map(b -> (Object) b).toList()))
        .put("createdAt", token.createdAt().toString());
  }

  private static ApiException invalid(String field, String reason) {
    return ApiException.badRequest(
        "INVALID_TOKEN_REQUEST", field + ": " + reason, Map.of("field", field));
  }
}
