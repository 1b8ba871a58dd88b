package dev.railyard.sinks.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;

/**
 * Decides what an endpoint's answer, or the failure to get one, means for a record: delivered,
 * worth retrying ({@link RetriableException}), or refused for good ({@link DataException}, which
 * sends the record to the dead letters at once). The sink's only classifier of retriability.
 *
 * <p>Messages name the method, the URL without its query (which may carry a key) and the status,
 * with up to {@value #EXCERPT_CHARS} characters of the answer. Stateless.
 */
final class HttpResponses {

  static final int EXCERPT_CHARS = 200;

  enum Outcome {
    DELIVERED,
    /** A fault of the endpoint or the way to it, which may pass. */
    RETRY,
    /** The endpoint refuses this record; it will answer the same way every time. */
    REFUSED
  }

  private HttpResponses() {}

  static Outcome classify(int status) {
    if (status >= 200 && status < 300) {
      return Outcome.DELIVERED;
    }
    if (status == 408 || status == 429 || (status >= 500 && status < 600)) {
      return Outcome.RETRY;
    }
    if (status >= 300 && status < 500) {
      return Outcome.REFUSED;
    }
    // a final 1xx or a status outside HTTP's range: a misbehaving endpoint, which may mend
    return Outcome.RETRY;
  }

  /**
   * Returns when {@code status} means delivered, else throws.
   *
   * @param body the answer's body, may be null
   * @throws RetriableException for 408, 429, 5xx and answers that are not HTTP's
   * @throws DataException for 3xx (redirects are not followed) and the other 4xx
   */
  static void check(String method, URI url, int status, String body) {
    if (classify(status) != Outcome.DELIVERED) {
      throw refusal(method, url, status, body, "");
    }
  }

  /**
   * The exception for an answer that is not 2xx.
   *
   * @param note added after the answer's excerpt, may be empty
   * @return a {@link RetriableException} for 408, 429, 5xx and answers that are not HTTP's, a
   *     {@link DataException} for 3xx and the other 4xx
   */
  static RuntimeException refusal(String method, URI url, int status, String body, String note) {
    String answered =
        method + " " + shown(url) + " answered " + status + ": " + excerpt(body) + note;
    if (classify(status) == Outcome.REFUSED) {
      return new DataException(
          answered
              + " (the endpoint refuses this record; sending it "
              + "again would fail the same way)");
    }
    return new RetriableException(answered);
  }

  /** What a request that got no answer (refused, reset, timed out) means: retry. */
  static RetriableException failed(String method, URI url, Duration timeout, IOException e) {
    String request = method + " " + shown(url);
    if (e instanceof HttpConnectTimeoutException) {
      return new RetriableException(
          request + " could not connect within " + timeout.toMillis() + " ms", e);
    }
    if (e instanceof HttpTimeoutException) {
      return new RetriableException(
          request + " got no answer within " + timeout.toMillis() + " ms", e);
    }
    return new RetriableException(request + " failed: " + describe(e), e);
  }

  /** The URL without user info, query and fragment, which may carry secrets. */
  static String shown(URI url) {
    StringBuilder s =
        new StringBuilder().append(url.getScheme()).append("://").append(url.getHost());
    if (url.getPort() >= 0) {
      s.append(':').append(url.getPort());
    }
    s.append(url.getRawPath() == null ? "" : url.getRawPath());
    if (url.getRawQuery() != null) {
      s.append("?…");
    }
    return s.toString();
  }

  /** Up to {@value #EXCERPT_CHARS} characters of a body on one line. */
  static String excerpt(String body) {
    if (body == null || body.isBlank()) {
      return "(empty body)";
    }
    String line = body.strip().replaceAll("\\s+", " ");
    return line.length() <= EXCERPT_CHARS ? line : line.substring(0, EXCERPT_CHARS) + "…";
  }

  /** The first message in the cause chain, with its exception's simple name. */
  private static String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getClass().getSimpleName() + ": " + t.getMessage();
      }
    }
    return e.getClass().getSimpleName();
  }
}
