package dev.railyard.sinks.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a task's requests: lanes side by side, the requests of a lane one after the other, each
 * after a token of the rate limit. A 429 or 503 with a {@code Retry-After} within the cap pauses
 * the whole task for that long and the request goes again; any other failure stops its lane and, at
 * their next request, the others, and is thrown once every lane has stopped, so no request of a
 * batch outlives the {@code put} that sent it. Thread-safe; one {@link #send} at a time.
 */
final class Sender {

  private static final Logger log = LoggerFactory.getLogger(Sender.class);

  /** How often one request may be sent again on Retry-After, whatever the waits add up to. */
  static final int RETRY_AFTER_ROUNDS = 20;

  /** Keeps the body only of answers that are not 2xx: it goes into the error message. */
  private static final BodyHandler<String> ERROR_BODY =
      info ->
          info.statusCode() / 100 == 2
              ? BodySubscribers.replacing(null)
              : BodySubscribers.ofString(StandardCharsets.UTF_8);

  private final HttpClient client;
  private final String method;
  private final Duration timeout;
  private final TokenBucket bucket;
  private final Duration retryAfterMax;
  private final Clock clock;
  private final Credentials credentials;

  Sender(
      HttpClient client,
      String method,
      Duration timeout,
      TokenBucket bucket,
      Duration retryAfterMax,
      Clock clock,
      Credentials credentials) {
    this.credentials = credentials;
    this.client = client;
    this.method = method;
    this.timeout = timeout;
    this.bucket = bucket;
    this.retryAfterMax = retryAfterMax;
    this.clock = clock;
  }

  /** A request that failed, and the records it held. */
  private record Failure(List<SinkRecord> records, RuntimeException cause) {}

  /**
   * Sends the requests of every lane and returns when all have been delivered.
   *
   * @param lanes per lane, the records of each of its requests in order
   * @param order every record, in the order Connect gave them; the failure thrown is that of the
   *     first of them whose request failed
   * @param requests builds the request of some records, all but its authentication
   * @throws RetriableException or {@link org.apache.kafka.connect.errors.DataException} as {@link
   *     HttpResponses} classifies the failure
   */
  void send(
      List<List<List<SinkRecord>>> lanes,
      List<SinkRecord> order,
      Function<List<SinkRecord>, HttpRequest.Builder> requests) {
    AtomicBoolean stop = new AtomicBoolean();
    List<CompletableFuture<Void>> running = new ArrayList<>(lanes.size());
    for (List<List<SinkRecord>> lane : lanes) {
      running.add(lane(lane, 0, requests, stop));
    }
    try {
      CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get();
      return;
    } catch (InterruptedException e) {
      stop.set(true);
      Thread.currentThread().interrupt();
      throw new RetriableException("Interrupted while sending to the endpoint", e);
    } catch (ExecutionException e) {
      // one or more lanes failed; find the first record they failed
    }
    Failure first = null;
    int at = Integer.MAX_VALUE;
    for (CompletableFuture<Void> lane : running) {
      Failure failure = failureOf(lane);
      int position = failure == null ? Integer.MAX_VALUE : indexOf(order, failure.records());
      if (position < at) {
        first = failure;
        at = position;
      }
    }
    throw first != null
        ? first.cause()
        : new RetriableException("Sending to the endpoint failed without a reason");
  }

  /**
   * Sends one request of some records, and completes when it is delivered; for a task that keeps
   * records past {@code put}. Fails with a {@link RetriableException} or a {@link
   * org.apache.kafka.connect.errors.DataException} as {@link HttpResponses} classifies the failure.
   */
  CompletableFuture<Void> sendAsync(
      List<SinkRecord> records, Function<List<SinkRecord>, HttpRequest.Builder> requests) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    request(records, requests, Duration.ZERO, 0, false)
        .whenComplete(
            (ok, e) -> {
              if (e == null) {
                done.complete(null);
              } else {
                done.completeExceptionally(cause(e));
              }
            });
    return done;
  }

  private CompletableFuture<Void> lane(
      List<List<SinkRecord>> lane,
      int next,
      Function<List<SinkRecord>, HttpRequest.Builder> requests,
      AtomicBoolean stop) {
    if (next == lane.size() || stop.get()) {
      return CompletableFuture.completedFuture(null);
    }
    List<SinkRecord> records = lane.get(next);
    return request(records, requests, Duration.ZERO, 0, false)
        .handle(
            (ok, e) -> {
              if (e != null) {
                stop.set(true);
                throw new CompletionException(new FailureCarrier(new Failure(records, cause(e))));
              }
              return ok;
            })
        .thenCompose(ok -> lane(lane, next + 1, requests, stop));
  }

  private CompletableFuture<Void> request(
      List<SinkRecord> records,
      Function<List<SinkRecord>, HttpRequest.Builder> requests,
      Duration waited,
      int round,
      boolean renewed) {
    URI[] url = new URI[1];
    Credentials.AuthHeader[] used = new Credentials.AuthHeader[1];
    return afterToken()
        .thenCompose(v -> credentials.header())
        .thenCompose(
            auth -> {
              HttpRequest.Builder builder = requests.apply(records);
              if (auth != null) {
                builder.setHeader(auth.name(), auth.value());
              }
              used[0] = auth;
              HttpRequest request = builder.build();
              url[0] = request.uri();
              return sendOnce(request);
            })
        .exceptionally(
            e -> {
              Throwable cause = unwrap(e);
              if (cause instanceof IOException io) {
                throw HttpResponses.failed(method, url[0], timeout, io);
              }
              throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
            })
        .thenCompose(
            response -> {
              int status = response.statusCode();
              if (HttpResponses.classify(status) == HttpResponses.Outcome.DELIVERED) {
                return CompletableFuture.completedFuture(null);
              }
              if (status == 401 && !renewed && credentials.renew(used[0])) {
                log.info(
                    "{} {} answered 401; sending it again once with new credentials ({})",
                    method,
                    HttpResponses.shown(url[0]),
                    credentials);
                return request(records, requests, waited, round, true);
              }
              Optional<Duration> after =
                  RetryAfter.of(
                      status,
                      response.headers().firstValue("Retry-After").orElse(null),
                      clock.instant());
              String note = "";
              if (after.isPresent()) {
                Duration total = waited.plus(after.get());
                if (total.compareTo(retryAfterMax) <= 0 && round < RETRY_AFTER_ROUNDS) {
                  log.info(
                      "{} {} answered {} with Retry-After {} ms; sending nothing before then",
                      method,
                      HttpResponses.shown(url[0]),
                      status,
                      after.get().toMillis());
                  bucket.pause(after.get().toNanos());
                  return request(records, requests, total, round + 1, renewed);
                }
                note =
                    " (it asked to wait "
                        + after.get().toMillis()
                        + " ms more, beyond "
                        + HttpSinkConfig.RETRY_AFTER_MAX_MS_CONFIG
                        + " = "
                        + retryAfterMax.toMillis()
                        + ")";
              }
              return CompletableFuture.failedFuture(
                  HttpResponses.refusal(method, url[0], status, response.body(), note));
            });
  }

  /** Completes once the rate limit lets a request go and no pause is on. */
  private CompletableFuture<Void> afterToken() {
    return after(bucket.reserve()).thenCompose(v -> released());
  }

  /** Completes when no pause is on, however often one is set or lengthened meanwhile. */
  private CompletableFuture<Void> released() {
    long left = bucket.release();
    return left > 0
        ? after(left).thenCompose(v -> released())
        : CompletableFuture.completedFuture(null);
  }

  private static CompletableFuture<Void> after(long nanos) {
    if (nanos <= 0) {
      return CompletableFuture.completedFuture(null);
    }
    return CompletableFuture.runAsync(
        () -> {}, CompletableFuture.delayedExecutor(nanos, TimeUnit.NANOSECONDS));
  }

  /**
   * Sends, and once more at once when the connection broke without an answer: a kept-alive
   * connection the server closed while it sat in the pool fails the next request with no bytes
   * read, and waiting out the guard's backoff for that (and sending the batch's earlier records
   * again) would gain nothing. A timeout is not tried again here.
   */
  private CompletableFuture<HttpResponse<String>> sendOnce(HttpRequest request) {
    return client
        .sendAsync(request, ERROR_BODY)
        .exceptionallyCompose(
            e -> {
              Throwable cause = unwrap(e);
              if (cause instanceof IOException && !(cause instanceof HttpTimeoutException)) {
                log.debug(
                    "{} to {} broke without an answer ({}); sending it again",
                    method,
                    HttpResponses.shown(request.uri()),
                    cause.toString());
                return client.sendAsync(request, ERROR_BODY);
              }
              return CompletableFuture.failedFuture(cause);
            });
  }

  /** Carries a failed request's records through the future chain; never leaves this class. */
  private static final class FailureCarrier extends RuntimeException {
    private final transient Failure failure;

    FailureCarrier(Failure failure) {
      super(null, null, false, false);
      this.failure = failure;
    }
  }

  private static Failure failureOf(CompletableFuture<Void> lane) {
    try {
      lane.getNow(null);
      return null;
    } catch (CompletionException e) {
      return unwrap(e) instanceof FailureCarrier carrier ? carrier.failure : null;
    } catch (java.util.concurrent.CancellationException e) {
      return null;
    }
  }

  static RuntimeException cause(Throwable e) {
    Throwable cause = unwrap(e);
    if (cause instanceof FailureCarrier carrier) {
      return carrier.failure.cause();
    }
    return cause instanceof RuntimeException r
        ? r
        : new RetriableException("Sending to the endpoint failed: " + cause, cause);
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static int indexOf(List<SinkRecord> order, List<SinkRecord> records) {
    SinkRecord first = records.get(0);
    for (int i = 0; i < order.size(); i++) {
      if (order.get(i) == first) {
        return i;
      }
    }
    return Integer.MAX_VALUE - 1;
  }
}
