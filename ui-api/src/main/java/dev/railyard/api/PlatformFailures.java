package dev.railyard.api;

import com.fasterxml.jackson.core.JacksonException;
import dev.railyard.api.platform.UnavailableException;
import io.vertx.core.Future;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Decides what a failed platform stage means for the client. A dependency that is down ({@link
 * UnavailableException}, an I/O failure, a time-out, or one of Kafka's retriable errors anywhere in
 * the cause chain) is a 503 that says why; anything else is a bug and stays an unexpected failure,
 * which {@link ErrorRoutes} answers as a 500 with an error id that is also in the log. Stateless.
 */
final class PlatformFailures {

  // ui-api does not depend on Kafka: its retriable errors are recognised by their base class name
  private static final String KAFKA_RETRIABLE = "org.apache.kafka.common.errors.RetriableException";

  private PlatformFailures() {}

  /**
   * The failure to pass on: a 503 {@link ApiException} with {@code code} and {@code what: reason}
   * when a dependency is down, the failure itself (unwrapped) otherwise.
   */
  static <T> Future<T> classify(Throwable failure, String code, String what) {
    Throwable cause = Responses.unwrap(failure);
    if (dependencyDown(cause)) {
      return Future.failedFuture(
          ApiException.unavailable(code, what + ": " + Responses.reason(failure)));
    }
    return Future.failedFuture(cause);
  }

  /** Whether a service the platform needs is down, judged by the failure's cause chain. */
  static boolean dependencyDown(Throwable failure) {
    if (failure instanceof ApiException || failure instanceof PlatformCalls.ContractViolation) {
      return false;
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof UnavailableException
          || (t instanceof IOException && !(t instanceof JacksonException))
          || t instanceof TimeoutException
          || isKafkaRetriable(t.getClass())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isKafkaRetriable(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (c.getName().equals(KAFKA_RETRIABLE)) {
        return true;
      }
    }
    return false;
  }
}
