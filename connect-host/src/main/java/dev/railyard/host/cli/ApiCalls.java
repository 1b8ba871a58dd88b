package dev.railyard.host.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Calls the Railyard API with {@code java.net.http}. A call that gets no HTTP answer (refused,
 * timed out, reset) throws {@link CliFailure} with {@link ExitCodes#UNREACHABLE}; any HTTP answer
 * is returned as it came. Thread-safe.
 */
final class ApiCalls {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  // an apply waits for its rules to be read back and its connectors reconciled
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(150);

  private final String baseUrl;
  private final Optional<String> token;
  private final Duration requestTimeout;
  private final HttpClient http;

  /** Calls for a command: its {@code --url} and {@code --token} (or their defaults). */
  static ApiCalls of(CliArgs args, Terminal terminal) {
    return new ApiCalls(
        args.url(terminal.env()),
        args.token(terminal.env(), Path.of("").toAbsolutePath()),
        CONNECT_TIMEOUT,
        REQUEST_TIMEOUT);
  }

  ApiCalls(
      String baseUrl, Optional<String> token, Duration connectTimeout, Duration requestTimeout) {
    this.baseUrl = baseUrl;
    this.token = token;
    this.requestTimeout = requestTimeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  ApiAnswer get(String path) {
    return send(request(path).GET());
  }

  /** The same calls, each waiting up to {@code timeout} for its answer. */
  ApiCalls withTimeout(Duration timeout) {
    return new ApiCalls(baseUrl, token, CONNECT_TIMEOUT, timeout);
  }

  /** A multipart upload of one file as the form field {@code file}. */
  ApiAnswer upload(String path, String fileName, byte[] content) {
    String boundary = "railyard-" + java.util.UUID.randomUUID();
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    String quoted =
        fileName.replace("\\", "_").replace("\"", "_").replace("\r", "_").replace("\n", "_");
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + quoted
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(
        request(path)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  ApiAnswer put(String path) {
    return send(request(path).PUT(HttpRequest.BodyPublishers.noBody()));
  }

  ApiAnswer delete(String path) {
    return send(request(path).DELETE());
  }

  ApiAnswer postJson(String path, String body) {
    return post(path, "application/json", body);
  }

  ApiAnswer post(String path, String contentType, String body) {
    return send(
        request(path)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  private HttpRequest.Builder request(String path) {
    URI uri;
    try {
      uri = URI.create(baseUrl + path);
    } catch (IllegalArgumentException e) {
      throw CliFailure.invalid(
          "the API URL '" + baseUrl + "' is not a valid URL: " + e.getMessage());
    }
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri).timeout(requestTimeout).header("Accept", "application/json");
    token.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
    return builder;
  }

  private ApiAnswer send(HttpRequest.Builder builder) {
    HttpRequest request = builder.build();
    try {
      HttpResponse<String> response =
          http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new ApiAnswer(response.statusCode(), response.body());
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(
          ExitCodes.UNREACHABLE, "interrupted while waiting for " + baseUrl, List.of());
    } catch (IllegalArgumentException e) {
      throw CliFailure.invalid("the API URL '" + baseUrl + "' is not usable: " + e.getMessage());
    }
  }

  private CliFailure unreachable(IOException e) {
    String reason;
    if (e instanceof HttpConnectTimeoutException) {
      reason = "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s";
    } else if (e instanceof HttpTimeoutException) {
      reason = "no answer within " + requestTimeout.toSeconds() + " s";
    } else if (e instanceof ConnectException) {
      reason = "connection refused";
    } else {
      reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    return new CliFailure(
        ExitCodes.UNREACHABLE,
        "cannot reach Railyard at "
            + baseUrl
            + " ("
            + reason
            + "); is 'railyard up' running? Set the address with --url or "
            + CliArgs.URL_ENV,
        List.of());
  }
}
