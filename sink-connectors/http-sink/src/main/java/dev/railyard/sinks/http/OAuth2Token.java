package dev.railyard.sinks.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.connect.errors.RetriableException;

/**
 * An OAuth2 access token from a client credentials grant (RFC 6749 §4.4), the client authenticating
 * with HTTP basic. One token is shared by every request of the task and fetched again shortly
 * before it expires, or when the endpoint answers 401 to it; concurrent requests wait for the same
 * fetch. A failed fetch is a {@link RetriableException} naming the token endpoint and its answer,
 * never the secret. Thread-safe.
 */
final class OAuth2Token implements Credentials {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration MARGIN = Duration.ofSeconds(30);

  private record Token(AuthHeader header, Instant renewAt) {}

  private final URI url;
  private final String clientAuthorization;
  private final String form;
  private final HttpClient client;
  private final Clock clock;
  private final Duration timeout;
  private CompletableFuture<Token> current;

  OAuth2Token(AbstractConfig config, HttpClient client, Clock clock, Duration timeout) {
    this.url = URI.create(config.getString(HttpAuthConfig.OAUTH2_TOKEN_URL_CONFIG).strip());
    String id = form(config.getString(HttpAuthConfig.OAUTH2_CLIENT_ID_CONFIG).strip());
    String secret =
        form(config.getPassword(HttpAuthConfig.OAUTH2_CLIENT_SECRET_CONFIG).value().strip());
    this.clientAuthorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    String scope = config.getString(HttpAuthConfig.OAUTH2_SCOPE_CONFIG).strip();
    this.form = "grant_type=client_credentials" + (scope.isEmpty() ? "" : "&scope=" + form(scope));
    this.client = client;
    this.clock = clock;
    this.timeout = timeout;
  }

  @Override
  public synchronized CompletableFuture<AuthHeader> header() {
    if (current == null || stale(current)) {
      current = fetch();
    }
    return current.thenApply(Token::header);
  }

  @Override
  public synchronized boolean renew(AuthHeader used) {
    if (current != null && current.isDone() && !current.isCompletedExceptionally()) {
      if (current.join().header().equals(used)) {
        current = null; // the endpoint no longer takes it
      }
    }
    return true;
  }

  private boolean stale(CompletableFuture<Token> token) {
    if (!token.isDone()) {
      return false;
    }
    return token.isCompletedExceptionally() || !clock.instant().isBefore(token.join().renewAt());
  }

  private CompletableFuture<Token> fetch() {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .header("Authorization", clientAuthorization)
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    Instant asked = clock.instant();
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
        .handle(
            (response, e) -> {
              if (e != null) {
                Throwable cause = e instanceof CompletionException ? e.getCause() : e;
                throw cause instanceof IOException io
                    ? HttpResponses.failed("POST", url, timeout, io)
                    : new RetriableException("Fetching an OAuth2 token failed: " + cause, cause);
              }
              return token(response, asked);
            });
  }

  private Token token(HttpResponse<String> response, Instant asked) {
    String refused = "The OAuth2 token endpoint " + HttpResponses.shown(url) + " answered ";
    if (response.statusCode() / 100 != 2) {
      throw new RetriableException(
          refused
              + response.statusCode()
              + ": "
              + HttpResponses.excerpt(response.body())
              + " (check "
              + HttpAuthConfig.OAUTH2_CLIENT_ID_CONFIG
              + " and "
              + HttpAuthConfig.OAUTH2_CLIENT_SECRET_CONFIG
              + ")");
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new RetriableException(refused + "something that is not JSON", e);
    }
    JsonNode token = answer.path("access_token");
    if (!token.isTextual() || token.asText().isBlank()) {
      throw new RetriableException(refused + "no access_token");
    }
    long expiresIn = answer.path("expires_in").asLong(0);
    // renew a little before the end of its life: by the margin, or a tenth of a short life
    Instant renewAt =
        expiresIn <= 0
            ? Instant.MAX
            : asked
                .plusSeconds(expiresIn)
                .minus(min(MARGIN, Duration.ofSeconds(expiresIn).dividedBy(10)));
    return new Token(new AuthHeader("Authorization", "Bearer " + token.asText()), renewAt);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String form(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "oauth2 client credentials at " + HttpResponses.shown(url);
  }
}
