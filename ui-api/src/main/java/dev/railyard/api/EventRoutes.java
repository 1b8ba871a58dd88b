package dev.railyard.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.api.platform.EventPublisher;
import dev.railyard.api.platform.EventPublisher.EntryResult;
import dev.railyard.api.security.Token;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/events}, EventBridge PutEvents-like: a JSON array of 1 to {@link
 * RequestBounds#eventEntries()} event objects (and at most {@link RequestBounds#eventBytes()}) in;
 * one result per entry out, bad entries reported without failing the good ones. CloudEvents sent by
 * the HTTP binding (binary mode, {@code application/cloudevents+json}, {@code
 * application/cloudevents-batch+json}) are taken too, read into entries by {@link HttpBinding}.
 */
final class EventRoutes {

  private final RequestBounds bounds;

  private final PlatformCalls platform;
  private final BodyHandler bodies;

  EventRoutes(PlatformCalls platform, BodyHandler bodies, RequestBounds bounds) {
    this.platform = platform;
    this.bodies = bodies;
    this.bounds = bounds;
  }

  void mount(Router router) {
    router
        .post("/api/v1/events")
        .handler(RequestObserver.route("/api/v1/events"))
        .handler(bodies)
        .handler(this::putEvents);
  }

  private void putEvents(RoutingContext ctx) {
    long size = ctx.body().length();
    if (size > bounds.eventBytes()) {
      throw new ApiException(
          413,
          "PAYLOAD_TOO_LARGE",
          "A PutEvents call may carry at most "
              + bounds.eventBytes()
              + " bytes (events.max.request.bytes), got "
              + size
              + "; split it into several calls",
          Map.of("max", bounds.eventBytes(), "actual", size));
    }
    List<Map<String, Object>> entries =
        HttpBinding.applies(ctx)
            ? HttpBinding.entries(ctx, bounds.eventEntries())
            : entries(JsonBodies.read(ctx), bounds.eventEntries());
    AccessGate.caller(ctx).ifPresent(caller -> checkBuses(caller.token(), entries));
    platform
        .putEvents(entries)
        .recover(EventRoutes::publishFailure)
        .map(results -> answer(entries.size(), results))
        .onSuccess(body -> Responses.json(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  /**
   * A token limited to some buses may put events on those only; one entry for another bus refuses
   * the whole call, so nothing of it is published.
   */
  private static void checkBuses(Token token, List<Map<String, Object>> entries) {
    for (int i = 0; i < entries.size(); i++) {
      Object bus = entries.get(i).getOrDefault("bus", EventPublisher.DEFAULT_BUS);
      if (bus instanceof String name && !token.allowsBus(name)) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("index", i);
        details.put("bus", name);
        details.put("allowed", List.copyOf(token.buses()));
        throw new ApiException(
            403,
            "BUS_NOT_ALLOWED",
            "Entry "
                + i
                + " is for the bus '"
                + name
                + "', but the token '"
                + token.name()
                + "' may only put events on "
                + token.buses()
                + "; nothing was published",
            details);
      }
    }
  }

  private static Future<List<EntryResult>> publishFailure(Throwable failure) {
    return PlatformFailures.classify(
        failure, "EVENTS_UNAVAILABLE", "The events could not be published");
  }

  private static List<Map<String, Object>> entries(JsonNode body, int max) {
    if (!body.isArray()) {
      throw ApiException.badRequest(
          "INVALID_REQUEST",
          "The body must be a JSON array of event objects, got " + JsonBodies.kind(body),
          null);
    }
    if (body.isEmpty() || body.size() > max) {
      throw ApiException.badRequest(
          "INVALID_REQUEST",
          "The array must hold between 1 and "
              + max
              + " entries (events.max.entries), got "
              + body.size(),
          Map.of("min", 1, "max", max, "actual", body.size()));
    }
    List<Map<String, Object>> entries = new ArrayList<>(body.size());
    for (int i = 0; i < body.size(); i++) {
      JsonNode entry = body.get(i);
      if (!entry.isObject()) {
        throw ApiException.badRequest(
            "INVALID_REQUEST",
            "Entry " + i + " must be a JSON object, got " + JsonBodies.kind(entry),
            Map.of("index", i));
      }
      entries.add(JsonBodies.toMap(entry));
    }
    return entries;
  }

  private static JsonObject answer(int expected, List<EntryResult> results) {
    if (results == null || results.size() != expected) {
      throw new IllegalStateException(
          "EventPublisher returned "
              + (results == null ? "null" : results.size())
              + " results for "
              + expected
              + " entries");
    }
    JsonArray entries = new JsonArray();
    int failed = 0;
    for (EntryResult result : results) {
      if (result.ok()) {
        entries.add(new JsonObject().put("eventId", result.eventId()).put("bus", result.bus()));
      } else {
        failed++;
        entries.add(
            new JsonObject()
                .put("errorCode", result.errorCode())
                .put("errorMessage", result.errorMessage()));
      }
    }
    return new JsonObject().put("failedEntryCount", failed).put("entries", entries);
  }
}
