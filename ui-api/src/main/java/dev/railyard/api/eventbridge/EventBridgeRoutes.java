package dev.railyard.api.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.railyard.api.ApiSecurity;
import dev.railyard.api.PlatformServices;
import dev.railyard.api.RequestBounds;
import dev.railyard.api.security.Access;
import dev.railyard.api.security.Caller;
import dev.railyard.api.security.RateLimits;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS EventBridge API, so AWS SDK code runs against Railyard with only an endpoint override:
 * AWS's JSON 1.1 protocol ({@code POST /} with {@code X-Amz-Target: AWSEvents.<Operation>}),
 * answered as {@code application/x-amz-json-1.1}, errors as {@code {"__type", "message"}}. Every
 * call is SigV4-signed with a key pair Railyard issued ({@code POST /api/v1/tokens} with {@code
 * "kind": "aws"}); the key's role and buses limit it as a bearer token's would. A {@code POST /}
 * without {@code X-Amz-Target} goes on to the routes behind. docs/eventbridge-api.md describes it.
 */
public final class EventBridgeRoutes {

  /** The header that names the operation. */
  public static final String TARGET_HEADER = "X-Amz-Target";

  /** The content type of the JSON 1.1 protocol. */
  public static final String CONTENT_TYPE = "application/x-amz-json-1.1";

  static final String PREFIX = "AWSEvents.";
  private static final Logger LOG = LoggerFactory.getLogger(EventBridgeRoutes.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An operation: the access it needs, the rate it counts against, and what it does. */
  private record Operation(
      Access access, RateLimits.Kind rate, BiFunction<Input, Long, Future<ObjectNode>> run) {}

  private final ApiSecurity security;
  private final BodyHandler bodies;
  private final SigV4 signatures;
  private final Map<String, Operation> operations = new HashMap<>();

  public EventBridgeRoutes(
      Vertx vertx,
      PlatformServices services,
      ApiSecurity security,
      RequestBounds bounds,
      BodyHandler bodies) {
    this.security = security;
    this.bodies = bodies;
    this.signatures = new SigV4(security.tokens()::keyPair, Clock.systemUTC(), "events");
    AwsCalls calls = new AwsCalls(vertx);
    Envelope envelope = new Envelope(Clock.systemUTC(), () -> UUID.randomUUID().toString());
    EventOps events = new EventOps(calls, services.events(), services.rules(), bounds, envelope);
    RuleOps rules = new RuleOps(calls, services.rules());
    TargetOps targets = new TargetOps(rules);
    RateLimits.Kind writes = RateLimits.Kind.WRITES;
    add("PutEvents", Access.PUBLISHER, RateLimits.Kind.EVENTS, events::putEvents);
    add("TestEventPattern", Access.VIEWER, null, (in, n) -> events.testEventPattern(in));
    BusOps buses = new BusOps(calls, services.buses());
    add("ListEventBuses", Access.VIEWER, null, (in, n) -> buses.listEventBuses(in));
    add("DescribeEventBus", Access.VIEWER, null, (in, n) -> buses.describeEventBus(in));
    add("CreateEventBus", Access.EDITOR, writes, (in, n) -> buses.createEventBus(in));
    add("DeleteEventBus", Access.EDITOR, writes, (in, n) -> buses.deleteEventBus(in));
    add("PutRule", Access.EDITOR, writes, (in, n) -> rules.putRule(in));
    add("DescribeRule", Access.VIEWER, null, (in, n) -> rules.describeRule(in));
    add("ListRules", Access.VIEWER, null, (in, n) -> rules.listRules(in));
    add("DeleteRule", Access.EDITOR, writes, (in, n) -> rules.deleteRule(in));
    add("EnableRule", Access.EDITOR, writes, (in, n) -> rules.setState(in, true));
    add("DisableRule", Access.EDITOR, writes, (in, n) -> rules.setState(in, false));
    add("PutTargets", Access.EDITOR, writes, (in, n) -> targets.putTargets(in));
    add("ListTargetsByRule", Access.VIEWER, null, (in, n) -> targets.listTargetsByRule(in));
    add("RemoveTargets", Access.EDITOR, writes, (in, n) -> targets.removeTargets(in));
  }

  private void add(
      String name,
      Access access,
      RateLimits.Kind rate,
      BiFunction<Input, Long, Future<ObjectNode>> run) {
    operations.put(name, new Operation(access, rate, run));
  }

  /** Whether a request is for this API: {@code POST /} with {@code X-Amz-Target}. */
  public static boolean serves(HttpServerRequest request) {
    return request.method() == HttpMethod.POST
        && "/".equals(request.path())
        && request.getHeader(TARGET_HEADER) != null;
  }

  /**
   * Mounts the API at {@code POST /}, before the routes that serve {@code /} otherwise.
   *
   * @param observe names the route for the request metrics and the audit log
   */
  public void mount(Router router, Handler<RoutingContext> observe) {
    router
        .post("/")
        .handler(ctx -> pass(ctx, observe))
        .handler(ctx -> pass(ctx, bodies))
        .handler(ctx -> pass(ctx, this::handle));
  }

  private static void pass(RoutingContext ctx, Handler<RoutingContext> handler) {
    if (serves(ctx.request())) {
      handler.handle(ctx);
    } else {
      ctx.next();
    }
  }

  private void handle(RoutingContext ctx) {
    try {
      String target = ctx.request().getHeader(TARGET_HEADER);
      Operation op =
          target.startsWith(PREFIX) ? operations.get(target.substring(PREFIX.length())) : null;
      if (op == null) {
        throw new AwsException(
            400,
            "UnknownOperationException",
            TARGET_HEADER
                + " '"
                + target
                + "' is not an operation Railyard offers; it offers "
                + PREFIX
                + "<"
                + String.join("|", operations.keySet().stream().sorted().toList())
                + ">");
      }
      Buffer body = ctx.body().buffer();
      byte[] bytes = body == null ? new byte[0] : body.getBytes();
      SigV4.Verified verified = signatures.verify(signed(ctx.request(), bytes));
      ctx.put(Caller.CONTEXT_KEY, new Caller(verified.key().token(), Caller.Via.SIGV4, null));
      String name = target.substring(PREFIX.length());
      authorize(ctx, op, name, verified);
      Input in = new Input(name, json(bytes), verified.key().token(), verified.region());
      op.run()
          .apply(in, (long) bytes.length)
          .onSuccess(answer -> answer(ctx, 200, answer))
          .onFailure(failure -> fail(ctx, failure));
    } catch (RuntimeException e) {
      fail(ctx, e);
    }
  }

  private void authorize(RoutingContext ctx, Operation op, String name, SigV4.Verified verified) {
    var token = verified.key().token();
    if (!op.access().allows(token.role())) {
      throw AwsException.accessDenied(
          name
              + " needs the "
              + op.access().id()
              + " role or higher; the key '"
              + token.name()
              + "' is a "
              + token.role().id());
    }
    if (op.rate() != null) {
      long wait = security.limits().acquire(token.id(), op.rate());
      if (wait > 0) {
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(wait));
        throw new AwsException(
            400,
            "ThrottlingException",
            "The key '" + token.name() + "' is over its rate; retry after " + wait + " s");
      }
    }
  }

  private static SigV4.Request signed(HttpServerRequest request, byte[] body) {
    Map<String, List<String>> headers = new HashMap<>();
    request
        .headers()
        .forEach(
            h ->
                headers
                    .computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(h.getValue()));
    return new SigV4.Request(
        request.method().name(), request.path(), request.query(), headers, body);
  }

  private static JsonNode json(byte[] body) {
    if (body.length == 0) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode node = JSON.readTree(body);
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (IOException e) {
      // answered below
    }
    throw new AwsException(
        400,
        "SerializationException",
        "The body must be a JSON object (application/x-amz-json-1.1)");
  }

  private static void fail(RoutingContext ctx, Throwable failure) {
    Throwable cause = AwsCalls.classify(failure);
    if (cause instanceof AwsException e) {
      answer(
          ctx,
          e.status(),
          JSON.createObjectNode().put("__type", e.type()).put("message", e.getMessage()));
      return;
    }
    String errorId = UUID.randomUUID().toString();
    LOG.error(
        "EventBridge call {} failed unexpectedly (error id {})",
        ctx.request().getHeader(TARGET_HEADER),
        errorId,
        cause);
    answer(
        ctx,
        500,
        JSON.createObjectNode()
            .put("__type", "InternalException")
            .put(
                "message",
                "The server failed to handle the request (error id "
                    + errorId
                    + "); see the server log for that id"));
  }

  private static void answer(RoutingContext ctx, int status, ObjectNode body) {
    if (ctx.response().ended()) {
      return;
    }
    try {
      ctx.response()
          .setStatusCode(status)
          .putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
          .putHeader("x-amzn-RequestId", UUID.randomUUID().toString())
          .end(JSON.writeValueAsString(body));
    } catch (IOException e) {
      ctx.fail(e);
    }
  }
}
