package dev.railyard.sinks.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records to the configured URL: up to {@code http.batch.max.records} in a request, up to
 * {@code http.max.in.flight} requests at once (records of one key in one lane, so in order), within
 * the connector's rate limit, and returns from {@code put} when the endpoint has accepted them all.
 * As nothing is left in flight when {@code put} returns, Connect commits only offsets of delivered
 * records. It does not retry, except on a {@code Retry-After} within {@code
 * http.retry.after.max.ms}: a failed request throws, a {@link RetriableException} or a {@link
 * DataException} as {@link HttpResponses} decides, and the platform's delivery guard retries with
 * backoff or dead-letters the record. Requests of the batch other than the failing one may have
 * been delivered; a guard that sends them again causes duplicates, which receivers can drop by
 * {@code X-Railyard-Event-Id}.
 *
 * <p>With {@code http.batch.linger.ms} above 0 records outlive {@code put} instead ({@link
 * Lingering}): {@link #preCommit} then answers only offsets of delivered records, and a request
 * that fails after its {@code put} returned is reported, with its records, as a {@link
 * dev.railyard.connectors.support.LateDeliveryException} from {@code preCommit} or {@code flush}.
 *
 * <p>Used by one thread, as Connect runs a task.
 */
public class HttpSinkTask extends SinkTask {

  private static final Logger log = LoggerFactory.getLogger(HttpSinkTask.class);

  private final Clock clock;
  private final Lingering.Timer timer;
  private final TokenBucket.Trace trace;
  private HttpSinkConfig config;
  private URI url;
  private UrlTemplate template;
  private List<Map.Entry<String, String>> headers;
  private RequestFormat format;
  private Sender sender;
  private Lingering lingering;

  public HttpSinkTask() {
    this(Clock.systemUTC());
  }

  /** With the clock Retry-After dates are read against. */
  HttpSinkTask(Clock clock) {
    this(clock, Lingering.Timer.SYSTEM, TokenBucket.Trace.NONE);
  }

  /**
   * @param timer the clock and timer of the linger
   * @param trace told what the rate limit and Retry-After pauses decided
   */
  HttpSinkTask(Clock clock, Lingering.Timer timer, TokenBucket.Trace trace) {
    this.clock = clock;
    this.timer = timer;
    this.trace = trace;
  }

  @Override
  public String version() {
    return HttpSinkConnector.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    config = new HttpSinkConfig(props);
    url = config.url();
    template = config.urlTemplate();
    headers = config.headers();
    format = config.format();
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(config.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            // plain http stays on HTTP/1.1: an h2c upgrade attempt on a POST confuses some servers
            .version(
                "https".equalsIgnoreCase(url.getScheme())
                    ? HttpClient.Version.HTTP_2
                    : HttpClient.Version.HTTP_1_1)
            .build();
    TokenBucket bucket =
        new TokenBucket(config.taskRate(), config.taskBurst(), System::nanoTime, trace);
    sender =
        new Sender(
            client,
            config.method(),
            config.timeout(),
            bucket,
            config.retryAfterMax(),
            clock,
            Credentials.of(config, client, clock, config.timeout()));
    Sender started = sender;
    lingering =
        config.batchLinger().isZero()
            ? null
            : new Lingering(
                config,
                format::size,
                template.fixed() ? r -> url : template::expand,
                records -> started.sendAsync(records, this::request),
                timer);
    log.info(
        "HTTP sink task sending records with {} to {}, up to {} a request{}, {} request(s) at"
            + " once{}",
        config.method(),
        template.fixed() ? HttpResponses.shown(url) : "the URLs of " + HttpResponses.shown(url),
        config.batchMaxRecords(),
        lingering == null ? "" : " lingering up to " + config.batchLinger().toMillis() + " ms",
        config.maxInFlight(),
        config.taskRate() > 0 ? ", at most " + config.taskRate() + " requests/s" : "");
  }

  /**
   * @throws RetriableException when the endpoint is unavailable, times out or answers 408, 429 or
   *     5xx
   * @throws DataException when a value is not bytes or text, or the endpoint refuses it (3xx, other
   *     4xx)
   */
  @Override
  public void put(Collection<SinkRecord> records) {
    List<SinkRecord> sent = new ArrayList<>(records.size());
    for (SinkRecord record : records) {
      if (record.value() != null) {
        // refuse a value that cannot be sent before anything goes
        format.size(record);
        template.expand(record);
        sent.add(record);
      }
    }
    if (lingering != null) {
      lingering.add(sent);
      if (lingering.failing()) {
        // the failure is reported by preCommit: have Connect call it soon
        context.requestCommit();
      }
      return;
    }
    if (sent.isEmpty()) {
      return;
    }
    List<List<List<SinkRecord>>> lanes = new ArrayList<>();
    for (List<SinkRecord> lane : Batches.lanes(sent, config.maxInFlight())) {
      lanes.add(
          Batches.requests(
              lane,
              config.batchMaxRecords(),
              config.batchMaxBytes(),
              format::size,
              template.fixed() ? r -> url : template::expand));
    }
    sender.send(lanes, sent, this::request);
  }

  private HttpRequest.Builder request(List<SinkRecord> records) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(template.expand(records.get(0))).timeout(config.timeout());
    for (Map.Entry<String, String> header : headers) {
      request.header(header.getKey(), header.getValue());
    }
    format.write(records, config.method(), request);
    return request;
  }

  /**
   * With linger, sends every record held at once and returns when all are delivered.
   *
   * @throws dev.railyard.connectors.support.LateDeliveryException naming the records not delivered,
   *     when a request failed
   */
  @Override
  public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    if (lingering != null) {
      lingering.flush();
    }
  }

  /**
   * Without linger, Connect's offsets (nothing outlives {@code put}); with it, per partition only
   * up to the first record held or in flight.
   *
   * @throws dev.railyard.connectors.support.LateDeliveryException naming the records not delivered,
   *     when a request failed
   */
  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(
      Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    return lingering == null ? currentOffsets : lingering.preCommit(currentOffsets);
  }

  @Override
  public void close(Collection<TopicPartition> partitions) {
    if (lingering != null) {
      lingering.close(partitions);
    }
  }

  @Override
  public void stop() {
    if (lingering != null) {
      lingering.stop();
    }
    // the JDK 17 client has no close(); its threads end once it is unreachable
    sender = null;
  }
}
