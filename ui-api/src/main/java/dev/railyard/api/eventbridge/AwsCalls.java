package dev.railyard.api.eventbridge;

import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.UnavailableException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Calls the platform services for the EventBridge API off the event loop, and turns their refusals
 * into AWS's errors: {@code NOT_FOUND} is {@code ResourceNotFoundException}, {@code INVALID} a
 * {@code ValidationException} ({@code InvalidEventPatternException} for a pattern), {@code
 * FORBIDDEN} an {@code AccessDeniedException}, {@code CONFLICT} a {@code
 * ConcurrentModificationException}, {@code TOO_LARGE} a {@code LimitExceededException}, and a
 * dependency that is down an {@code InternalException} with status 503 (which the SDKs retry).
 * Thread-safe.
 */
final class AwsCalls {

  private final Vertx vertx;

  AwsCalls(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Runs {@code call} on a worker thread; its stage completes on the caller's context. */
  <T> Future<T> call(Callable<CompletionStage<T>> call) {
    var context = vertx.getOrCreateContext();
    return vertx
        .executeBlocking(call, false)
        .compose(stage -> Future.fromCompletionStage(stage, context))
        .recover(failure -> Future.failedFuture(classify(failure)));
  }

  /** The body of a success, or the refusal as AWS's error. */
  static <T> T body(Outcome<T> outcome) {
    if (outcome instanceof Outcome.Refused<T> refused) {
      throw error(refused);
    }
    return outcome.body();
  }

  static AwsException error(Outcome.Refused<?> refused) {
    String message = refused.message();
    return switch (refused.kind()) {
      case NOT_FOUND -> AwsException.notFound(message);
      case INVALID ->
          refused.code().equals("INVALID_PATTERN")
              ? new AwsException(400, "InvalidEventPatternException", message)
              : AwsException.validation(message);
      case FORBIDDEN -> AwsException.accessDenied(message);
      case CONFLICT -> new AwsException(400, "ConcurrentModificationException", message);
      case TOO_LARGE -> new AwsException(400, "LimitExceededException", message);
      case UNAVAILABLE -> unavailable(message);
    };
  }

  /** A failed stage: AWS errors pass, a dependency that is down is a 503, the rest stays a bug. */
  static Throwable classify(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof AwsException) {
      return cause;
    }
    for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof UnavailableException
          || t instanceof TimeoutException
          || (t instanceof IOException
              && !(t instanceof com.fasterxml.jackson.core.JacksonException))) {
        return unavailable(String.valueOf(t.getMessage()));
      }
    }
    return cause;
  }

  private static AwsException unavailable(String message) {
    return new AwsException(
        503, "InternalException", "A service Railyard needs is down: " + message);
  }
}
