package dev.railyard.sinks.http;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The HTTP sink's settings: where records go and how. Every key is typed, validated and documented
 * here, so Connect's validate endpoint reports a bad value against its key. Immutable.
 */
public class HttpSinkConfig extends AbstractConfig {

  public static final String URL_CONFIG = "http.url";
  public static final String URL_DOC =
      "The absolute http:// or https:// URL each record is sent to, for example "
          + "https://hooks.example.com/orders. Redirects are not followed. Its path and query may "
          + "hold values of the record: {topic}, {partition}, {key}, {header:<record header>} "
          + "and {event:<JSON pointer>} into the value, as in "
          + "https://api.example.com/customers/{event:/data/customerId}/orders; each is "
          + "percent-encoded, and a record without the value is dead-lettered.";

  public static final String METHOD_CONFIG = "http.method";
  public static final String METHOD_DEFAULT = "POST";
  public static final String METHOD_DOC =
      "The HTTP method of each request: POST or PUT. The record's value is the request body.";

  public static final String HEADERS_CONFIG = "http.headers";
  public static final String HEADERS_DEFAULT = "";
  public static final String HEADERS_DOC =
      "Headers sent with every request, as comma-separated 'Name: value' pairs, for example "
          + "'Authorization: Bearer ${file:/run/secrets/hook.properties:token}, X-Team: billing'. "
          + "A value cannot hold a comma. Content-Type comes from http.content.type; Host, "
          + "Content-Length, Connection, Expect and Upgrade are set by the HTTP client.";

  public static final String AUTHORIZATION_CONFIG = "http.authorization";
  public static final String AUTHORIZATION_DOC =
      "The Authorization header of every request, for example 'Bearer abc123'. A password: "
          + "Railyard masks it in every answer and Connect keeps it out of its logs; prefer it to "
          + "http.headers for credentials.";

  public static final String TIMEOUT_MS_CONFIG = "http.timeout.ms";
  public static final int TIMEOUT_MS_DEFAULT = 10_000;
  public static final String TIMEOUT_MS_DOC =
      "How long to wait for a connection, and then for the answer to each request, in "
          + "milliseconds. A request that times out is retried under the target's retry policy.";

  public static final String CONTENT_TYPE_CONFIG = "http.content.type";
  public static final String CONTENT_TYPE_DEFAULT = "application/json";
  public static final String CONTENT_TYPE_DOC =
      "The Content-Type header of each request, a media type such as application/json or "
          + "'text/plain; charset=utf-8'.";

  public static final String BATCH_MAX_RECORDS_CONFIG = "http.batch.max.records";
  public static final int BATCH_MAX_RECORDS_DEFAULT = 1;
  public static final String BATCH_MAX_RECORDS_DOC =
      "The most records one request carries, 1 to 10000. With 1 (the default) the body of each "
          + "request is one record's value, as it is; with more, every body is a JSON array of "
          + "the values of its records (each value must then be JSON), in order, even when a "
          + "request holds one.";

  public static final String BATCH_MAX_BYTES_CONFIG = "http.batch.max.bytes";
  public static final int BATCH_MAX_BYTES_DEFAULT = 1_048_576;
  public static final String BATCH_MAX_BYTES_DOC =
      "The largest body a request of several records may have, in bytes (at least 1). A record "
          + "whose value alone is larger is sent in a request of its own.";

  public static final String BATCH_LINGER_MS_CONFIG = "http.batch.linger.ms";
  public static final int BATCH_LINGER_MS_DEFAULT = 0;
  public static final String BATCH_LINGER_MS_DOC =
      "How long a request that is not yet full (http.batch.max.records, http.batch.max.bytes) may "
          + "wait for records of later puts, 0 to 60000 ms. With 0 (the default) every put sends "
          + "what it was given and returns when the endpoint has accepted it all. Above 0, put "
          + "returns once its records are taken, a request goes when it is full or its wait is "
          + "over, and Connect commits only the offsets of delivered records; a request that fails "
          + "later is retried or dead-lettered, with exactly its records, by the rule target's "
          + "retry policy.";

  public static final String MAX_IN_FLIGHT_CONFIG = "http.max.in.flight";
  public static final int MAX_IN_FLIGHT_DEFAULT = 1;
  public static final String MAX_IN_FLIGHT_DOC =
      "How many requests a task may have waiting for an answer at once, 1 to 64. Records are "
          + "spread over that many lanes by their key, each lane sending one request at a time, "
          + "so the records of one key arrive in their order; records without a key are spread "
          + "by offset and keep no order.";

  public static final String RETRY_AFTER_MAX_MS_CONFIG = "http.retry.after.max.ms";
  public static final int RETRY_AFTER_MAX_MS_DEFAULT = 30_000;
  public static final String RETRY_AFTER_MAX_MS_DOC =
      "The longest the sink waits, in all, on one request whose answer is 429 or 503 with a "
          + "Retry-After header (seconds or an HTTP date), 0 to 300000 ms. Within that, the task "
          + "sends nothing to the endpoint until the time given and then sends the request again "
          + "itself; a longer wait, or 0 here, fails the request at once for the target's retry "
          + "policy to retry.";

  public static final String CLOUDEVENTS_MODE_CONFIG = "http.cloudevents.mode";
  public static final String CLOUDEVENTS_MODE_DEFAULT = "raw";
  public static final String CLOUDEVENTS_MODE_DOC =
      "How a record becomes a request. raw (the default): the value as it is, or a JSON array of "
          + "values for several. The others take the value as a CloudEvent in JSON (as the router "
          + "writes it) and use the CloudEvents HTTP binding: binary (the event's data as the "
          + "body with its datacontenttype, each other attribute as a ce-* header), structured "
          + "(the event as application/cloudevents+json), one event a request in both; batched "
          + "(up to http.batch.max.records events as application/cloudevents-batch+json). A value "
          + "that is not a CloudEvent is dead-lettered.";

  public static final String RATE_LIMIT_CONFIG = "http.rate.limit.per.second";
  public static final double RATE_LIMIT_DEFAULT = 0;
  public static final String RATE_LIMIT_DOC =
      "The most requests per second the connector sends, all its tasks together (EventBridge's "
          + "default for an API destination is 300); 0 (the default) for no limit. Each of the "
          + "connector's tasks.max tasks gets an equal share, which is exact wherever the tasks run "
          + "but leaves the share of a task without partitions unused.";

  public static final String RATE_LIMIT_BURST_CONFIG = "http.rate.limit.burst";
  public static final int RATE_LIMIT_BURST_DEFAULT = 10;
  public static final String RATE_LIMIT_BURST_DOC =
      "How many requests the connector may send at once after a quiet spell, above its rate, "
          + "at least 1; shared by the tasks like the rate (each gets at least 1).";

  public static final String RATE_LIMIT_TASKS_CONFIG = "http.rate.limit.tasks";
  public static final int RATE_LIMIT_TASKS_DEFAULT = 1;
  public static final String RATE_LIMIT_TASKS_DOC =
      "How many tasks share http.rate.limit.per.second. Set by the connector for each task "
          + "(its tasks.max); not to be set by hand.";

  public static final ConfigDef CONFIG_DEF =
      HttpAuthConfig.define(new ConfigDef())
          .define(
              URL_CONFIG,
              Type.STRING,
              ConfigDef.NO_DEFAULT_VALUE,
              new HttpValidators.UrlValidator(true),
              Importance.HIGH,
              URL_DOC)
          .define(
              METHOD_CONFIG,
              Type.STRING,
              METHOD_DEFAULT,
              ConfigDef.ValidString.in("POST", "PUT"),
              Importance.MEDIUM,
              METHOD_DOC)
          .define(
              HEADERS_CONFIG,
              Type.LIST,
              HEADERS_DEFAULT,
              new HttpValidators.HeadersValidator(),
              Importance.MEDIUM,
              HEADERS_DOC)
          .define(
              AUTHORIZATION_CONFIG,
              Type.PASSWORD,
              null,
              new HttpValidators.AuthorizationValidator(),
              Importance.MEDIUM,
              AUTHORIZATION_DOC)
          .define(
              TIMEOUT_MS_CONFIG,
              Type.INT,
              TIMEOUT_MS_DEFAULT,
              ConfigDef.Range.atLeast(1),
              Importance.MEDIUM,
              TIMEOUT_MS_DOC)
          .define(
              CONTENT_TYPE_CONFIG,
              Type.STRING,
              CONTENT_TYPE_DEFAULT,
              new HttpValidators.MediaTypeValidator(),
              Importance.LOW,
              CONTENT_TYPE_DOC)
          .define(
              BATCH_MAX_RECORDS_CONFIG,
              Type.INT,
              BATCH_MAX_RECORDS_DEFAULT,
              ConfigDef.Range.between(1, 10_000),
              Importance.MEDIUM,
              BATCH_MAX_RECORDS_DOC)
          .define(
              BATCH_MAX_BYTES_CONFIG,
              Type.INT,
              BATCH_MAX_BYTES_DEFAULT,
              ConfigDef.Range.atLeast(1),
              Importance.LOW,
              BATCH_MAX_BYTES_DOC)
          .define(
              BATCH_LINGER_MS_CONFIG,
              Type.INT,
              BATCH_LINGER_MS_DEFAULT,
              ConfigDef.Range.between(0, 60_000),
              Importance.MEDIUM,
              BATCH_LINGER_MS_DOC)
          .define(
              MAX_IN_FLIGHT_CONFIG,
              Type.INT,
              MAX_IN_FLIGHT_DEFAULT,
              ConfigDef.Range.between(1, 64),
              Importance.MEDIUM,
              MAX_IN_FLIGHT_DOC)
          .define(
              RETRY_AFTER_MAX_MS_CONFIG,
              Type.INT,
              RETRY_AFTER_MAX_MS_DEFAULT,
              ConfigDef.Range.between(0, 300_000),
              Importance.LOW,
              RETRY_AFTER_MAX_MS_DOC)
          .define(
              CLOUDEVENTS_MODE_CONFIG,
              Type.STRING,
              CLOUDEVENTS_MODE_DEFAULT,
              ConfigDef.ValidString.in("raw", "binary", "structured", "batched"),
              Importance.MEDIUM,
              CLOUDEVENTS_MODE_DOC)
          .define(
              RATE_LIMIT_CONFIG,
              Type.DOUBLE,
              RATE_LIMIT_DEFAULT,
              ConfigDef.Range.atLeast(0),
              Importance.MEDIUM,
              RATE_LIMIT_DOC)
          .define(
              RATE_LIMIT_BURST_CONFIG,
              Type.INT,
              RATE_LIMIT_BURST_DEFAULT,
              ConfigDef.Range.atLeast(1),
              Importance.LOW,
              RATE_LIMIT_BURST_DOC)
          .define(
              RATE_LIMIT_TASKS_CONFIG,
              Type.INT,
              RATE_LIMIT_TASKS_DEFAULT,
              ConfigDef.Range.atLeast(1),
              Importance.LOW,
              RATE_LIMIT_TASKS_DOC);

  /**
   * @throws ConfigException naming the key, the value and what would be valid
   */
  public HttpSinkConfig(Map<?, ?> props) {
    super(CONFIG_DEF, props);
    HttpAuthConfig.check(this);
    String mode = getString(CLOUDEVENTS_MODE_CONFIG);
    if ((mode.equals("binary") || mode.equals("structured")) && batchMaxRecords() > 1) {
      throw new ConfigException(
          BATCH_MAX_RECORDS_CONFIG,
          batchMaxRecords(),
          "must be 1 with "
              + CLOUDEVENTS_MODE_CONFIG
              + "="
              + mode
              + ", which sends one event a request; use batched for several");
    }
  }

  /** The URL, with any placeholder as {@code x}. */
  public URI url() {
    return URI.create(UrlTemplate.sample(getString(URL_CONFIG).strip()));
  }

  /** The URL with its placeholders, filled in per record. */
  UrlTemplate urlTemplate() {
    return new UrlTemplate(getString(URL_CONFIG));
  }

  public String method() {
    return getString(METHOD_CONFIG);
  }

  /** The configured headers in order, as name and value; a name may repeat. Never null. */
  public List<Map.Entry<String, String>> headers() {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (String pair : getList(HEADERS_CONFIG)) {
      int colon = pair.indexOf(':');
      headers.add(Map.entry(pair.substring(0, colon).strip(), pair.substring(colon + 1).strip()));
    }
    Password authorization = getPassword(AUTHORIZATION_CONFIG);
    if (authorization != null && !authorization.value().isBlank()) {
      headers.add(Map.entry("Authorization", authorization.value().strip()));
    }
    return headers;
  }

  public Duration timeout() {
    return Duration.ofMillis(getInt(TIMEOUT_MS_CONFIG));
  }

  public String contentType() {
    return getString(CONTENT_TYPE_CONFIG).strip();
  }

  /** How records become requests, from http.cloudevents.mode and http.content.type. */
  RequestFormat format() {
    return switch (getString(CLOUDEVENTS_MODE_CONFIG)) {
      case "binary" -> new CloudEventFormat(CloudEventFormat.Mode.BINARY);
      case "structured" -> new CloudEventFormat(CloudEventFormat.Mode.STRUCTURED);
      case "batched" -> new CloudEventFormat(CloudEventFormat.Mode.BATCHED);
      default -> new RawFormat(contentType(), batchMaxRecords() > 1);
    };
  }

  public int batchMaxRecords() {
    return getInt(BATCH_MAX_RECORDS_CONFIG);
  }

  public int batchMaxBytes() {
    return getInt(BATCH_MAX_BYTES_CONFIG);
  }

  /** How long a request that is not full may wait for more records; zero for not at all. */
  public Duration batchLinger() {
    return Duration.ofMillis(getInt(BATCH_LINGER_MS_CONFIG));
  }

  public int maxInFlight() {
    return getInt(MAX_IN_FLIGHT_CONFIG);
  }

  public Duration retryAfterMax() {
    return Duration.ofMillis(getInt(RETRY_AFTER_MAX_MS_CONFIG));
  }

  /** This task's share of the connector's rate, requests per second; 0 for no limit. */
  public double taskRate() {
    return getDouble(RATE_LIMIT_CONFIG) / getInt(RATE_LIMIT_TASKS_CONFIG);
  }

  /** This task's share of the connector's burst, at least 1. */
  public int taskBurst() {
    return Math.max(1, getInt(RATE_LIMIT_BURST_CONFIG) / getInt(RATE_LIMIT_TASKS_CONFIG));
  }
}
