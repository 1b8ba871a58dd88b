package dev.railyard.host.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.railyard.api.platform.UnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * An asynchronous JSON client of the Kafka Connect REST API of whichever worker runs. Thread-safe.
 */
public final class ConnectRest {

  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final int MAX_RETRIES = 60;
  private static final long RETRY_DELAY_MS = 500;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Supplier<Optional<String>> baseUrl;

  /**
   * @param baseUrl the REST URL of a running worker, empty when none runs
   */
  public ConnectRest(Supplier<Optional<String>> baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** Connect's answer: its status and its JSON body ({@code null} node when it had none). */
  public record Answer(int status, JsonNode body) {

    boolean ok() {
      return status >= 200 && status < 300;
    }

    /** Connect's own error message, or the status when it gave none. */
    String message() {
      JsonNode m = body.path("message");
      return m.isTextual() ? m.asText() : "HTTP " + status;
    }

    /**
     * This answer when it is a success, for calls whose refusal is not the user's to fix.
     *
     * @throws UnavailableException when Connect failed (5xx) or was still busy after the retries
     *     (409 while its group rebalances): the worker is down or not ready
     * @throws IllegalStateException for any other refusal, which means Railyard asked wrongly
     */
    public Answer orThrow() {
      if (ok()) {
        return this;
      }
      String text = "Kafka Connect answered " + status + ": " + message();
      if (status >= 500 || status == 409) {
        throw new UnavailableException(text, null);
      }
      throw new IllegalStateException(text);
    }
  }

  /**
   * Sends one request.
   *
   * @param body a JSON-able value, or null for none
   * @return Connect's answer; failed with {@link UnavailableException} when no worker runs, or with
   *     the HTTP client's {@link IOException} when it cannot be reached
   */
  public CompletableFuture<Answer> send(String method, String path, Object body) {
    return send(method, path, body, 0);
  }

  // While workers join or leave (scaling, a rolling restart), Connect answers writes with 409
  // "rebalance in progress" or fails forwarding them to a leader that just left; both pass in
  // seconds, so they are retried for a while instead of failing the user's request.
  private CompletableFuture<Answer> send(String method, String path, Object body, int attempt) {
    return sendOnce(method, path, body)
        .thenCompose(
            answer -> {
              if (attempt >= MAX_RETRIES || !transientFailure(answer)) {
                return CompletableFuture.completedFuture(answer);
              }
              return CompletableFuture.supplyAsync(
                      () -> null,
                      CompletableFuture.delayedExecutor(RETRY_DELAY_MS, TimeUnit.MILLISECONDS))
                  .thenCompose(v -> send(method, path, body, attempt + 1));
            });
  }

  static boolean transientFailure(Answer answer) {
    return answer.status() == 409
        || answer.status() >= 500 && answer.message().contains("trying to forward REST request");
  }

  private CompletableFuture<Answer> sendOnce(String method, String path, Object body) {
    Optional<String> base = baseUrl.get();
    if (base.isEmpty()) {
      return CompletableFuture.failedFuture(
          new UnavailableException("no Connect worker is running", null));
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base.get() + path))
            .timeout(TIMEOUT)
            .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json(body)));
    }
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
        .thenApply(r -> new Answer(r.statusCode(), parse(r.body())));
  }

  private static String json(Object body) {
    try {
      return MAPPER.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return NullNode.getInstance();
    }
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      return MAPPER.getNodeFactory().objectNode().put("message", text);
    }
  }
}
