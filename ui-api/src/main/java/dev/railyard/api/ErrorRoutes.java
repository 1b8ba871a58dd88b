package dev.railyard.api;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure and unmatched request into the one JSON error shape. Unexpected failures are
 * logged with their stack trace and an error id, and answered with a 500 that carries only the id:
 * internals never reach clients.
 */
final class ErrorRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorRoutes.class);

  private final long maxBodyBytes;

  ErrorRoutes(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Handles failures of every route (mount first among failure handlers). */
  void onFailure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ApiException e) {
      Responses.error(ctx, e.status(), e.code(), e.getMessage(), e.details());
      return;
    }
    int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
    switch (status) {
      case 404 -> notFound(ctx);
      case 405 -> methodNotAllowed(ctx);
      case 413 -> tooLarge(ctx);
      default -> {
        if (status >= 400 && status < 500) {
          Responses.error(
              ctx, status, "BAD_REQUEST", "The request was rejected (HTTP " + status + ")", null);
        } else {
          internalError(ctx, failure);
        }
      }
    }
  }

  void notFound(RoutingContext ctx) {
    Responses.error(
        ctx,
        404,
        "NOT_FOUND",
        "No resource at " + ctx.request().path(),
        Map.of("method", ctx.request().method().name(), "path", ctx.request().path()));
  }

  void methodNotAllowed(RoutingContext ctx) {
    String method = ctx.request().method().name();
    Responses.error(
        ctx,
        405,
        "METHOD_NOT_ALLOWED",
        "Method " + method + " is not allowed on " + ctx.request().path(),
        Map.of("method", method, "path", ctx.request().path()));
  }

  void tooLarge(RoutingContext ctx) {
    ApiException e = tooLarge(maxBodyBytes);
    Responses.error(ctx, e.status(), e.code(), e.getMessage(), e.details());
  }

  static ApiException tooLarge(long maxBodyBytes) {
    return new ApiException(
        413,
        "BODY_TOO_LARGE",
        "The request body exceeds the limit of " + maxBodyBytes + " bytes",
        Map.of("maxBodyBytes", maxBodyBytes));
  }

  /**
   * Answers a 500 with a fresh error id, and logs the failure with its stack trace under that id:
   * the client gets the id to quote, never the internals.
   */
  void internalError(RoutingContext ctx, Throwable failure) {
    String errorId = UUID.randomUUID().toString();
    LOG.error(
        "Request {} {} failed unexpectedly (error id {})",
        ctx.request().method(),
        ctx.request().path(),
        errorId,
        failure);
    Responses.error(
        ctx,
        500,
        "INTERNAL_ERROR",
        "The server failed to handle the request (error id "
            + errorId
            + "); see the server log for that id",
        Map.of("errorId", errorId));
  }
}
