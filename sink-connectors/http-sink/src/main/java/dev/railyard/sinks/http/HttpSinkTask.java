package dev.railyard.sinks.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each record's value, in order, as the body of one request to the configured URL, and
 * returns when the endpoint has accepted them all. It neither retries nor waits: a failed request
 * throws at once, a {@link RetriableException} or a {@link DataException} as {@link HttpResponses}
 * decides, and the platform's delivery guard retries with backoff or dead-letters the record.
 * Records before the failing one have been delivered; a guard that sends them again causes
 * duplicates, which receivers can drop by {@code X-Railyard-Event-Id}.
 *
 * <p>Used by one thread, as Connect runs a task.
 */
public class HttpSinkTask extends SinkTask {

  private static final Logger log = LoggerFactory.getLogger(HttpSinkTask.class);

  /** Keeps the body only of answers that are not 2xx: it goes into the error message. */
  private static final BodyHandler<String> ERROR_BODY =
      info ->
          info.statusCode() / 100 == 2
              ? BodySubscribers.replacing(null)
              : BodySubscribers.ofString(StandardCharsets.UTF_8);

  private HttpSinkConfig config;
  private URI url;
  private List<Map.Entry<String, String>> headers;
  private HttpClient client;

  public HttpSinkTask() {}

  @Override
  public String version() {
    return HttpSinkConnector.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    config = new HttpSinkConfig(props);
    url = config.url();
    headers = config.headers();
    client =
        HttpClient.newBuilder()
            .connectTimeout(config.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            // plain http stays on HTTP/1.1: an h2c upgrade attempt on a POST confuses some servers
            .version(
                "https".equalsIgnoreCase(url.getScheme())
                    ? HttpClient.Version.HTTP_2
                    : HttpClient.Version.HTTP_1_1)
            .build();
    log.info(
        "HTTP sink task sending records with {} to {}", config.method(), HttpResponses.shown(url));
  }

  /**
   * @throws RetriableException when the endpoint is unavailable, times out or answers 408, 429 or
   *     5xx
   * @throws DataException when a value is not bytes or text, or the endpoint refuses it (3xx, other
   *     4xx)
   */
  @Override
  public void put(Collection<SinkRecord> records) {
    for (SinkRecord record : records) {
      if (record.value() != null) {
        send(record);
      }
    }
  }

  private void send(SinkRecord record) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(config.timeout())
            .method(config.method(), HttpRequest.BodyPublishers.ofByteArray(body(record)))
            .header("Content-Type", config.contentType());
    for (Map.Entry<String, String> header : headers) {
      request.header(header.getKey(), header.getValue());
    }
    ForwardedHeaders.addTo(request, record.headers());
    HttpResponse<String> response;
    try {
      response = sendOnce(request.build());
    } catch (IOException e) {
      throw HttpResponses.failed(config.method(), url, config.timeout(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetriableException("Interrupted while sending to " + HttpResponses.shown(url), e);
    }
    HttpResponses.check(config.method(), url, response.statusCode(), response.body());
  }

  /**
   * Sends, and once more at once when the connection broke without an answer: a kept-alive
   * connection the server closed while it sat in the pool fails the next request with no bytes
   * read, and waiting out the guard's backoff for that (and sending the batch's earlier records
   * again) would gain nothing. A timeout is not tried again here.
   */
  private HttpResponse<String> sendOnce(HttpRequest request)
      throws IOException, InterruptedException {
    try {
      return client.send(request, ERROR_BODY);
    } catch (java.net.http.HttpTimeoutException e) {
      throw e;
    } catch (IOException e) {
      log.debug(
          "{} to {} broke without an answer ({}); sending it again",
          config.method(),
          HttpResponses.shown(url),
          e.toString());
      return client.send(request, ERROR_BODY);
    }
  }

  private static byte[] body(SinkRecord record) {
    Object value = record.value();
    if (value instanceof byte[] bytes) {
      return bytes;
    }
    if (value instanceof String text) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    throw new DataException(
        "The HTTP sink sends a record's value as it is, so it must be bytes "
            + "or text, not "
            + value.getClass().getSimpleName()
            + " ("
            + record.topic()
            + "-"
            + record.kafkaPartition()
            + " offset "
            + record.kafkaOffset()
            + "); set value.converter "
            + "to org.apache.kafka.connect.storage.StringConverter or "
            + "org.apache.kafka.connect.converters.ByteArrayConverter");
  }

  @Override
  public void stop() {
    // the JDK 17 client has no close(); its threads end once it is unreachable
    client = null;
  }
}
