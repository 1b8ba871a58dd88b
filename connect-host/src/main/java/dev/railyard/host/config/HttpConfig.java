package dev.railyard.host.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The API server's protective settings: the host names it answers to, per-token rate limits,
 * connection bounds and TLS. Part of Railyard's configuration ({@link RailyardConfig}). Stateless.
 */
public final class HttpConfig {

  public static final String ALLOWED_HOSTS_CONFIG = "http.allowed.hosts";
  public static final String ALLOWED_HOSTS_DOC =
      "Host names the API answers to (the Host header, without port), against DNS rebinding;"
          + " requests naming another host are refused with 403. IP addresses are always allowed."
          + " Empty: http.host and localhost.";

  public static final String EVENTS_RATE_CONFIG = "http.rate.limit.events.per.second";
  public static final String EVENTS_RATE_DOC =
      "PutEvents calls each token may make per second (bursts of twice that); more are answered"
          + " 429 with Retry-After. 0: no limit.";
  public static final double EVENTS_RATE_DEFAULT = 200;

  public static final String WRITES_RATE_CONFIG = "http.rate.limit.writes.per.second";
  public static final String WRITES_RATE_DOC =
      "Other state-changing calls (rules, connectors, plugins, tokens, /connect writes) each token"
          + " may make per second (bursts of twice that); more are answered 429 with Retry-After."
          + " Reads are not limited. 0: no limit.";
  public static final double WRITES_RATE_DEFAULT = 20;

  public static final String IDLE_TIMEOUT_CONFIG = "http.idle.timeout.seconds";
  public static final String IDLE_TIMEOUT_DOC =
      "A connection on which nothing is read or written for this long is closed. It must exceed"
          + " the longest answer a client waits for (a rules:apply waits up to 150 s).";
  public static final int IDLE_TIMEOUT_DEFAULT = 300;

  public static final String MAX_CONNECTIONS_CONFIG = "http.max.connections";
  public static final String MAX_CONNECTIONS_DOC =
      "Open connections the API serves at once; a further one is closed when its first request"
          + " arrives (one that never sends is closed by http.idle.timeout.seconds).";
  public static final int MAX_CONNECTIONS_DEFAULT = 512;

  public static final String MAX_HEADER_CONFIG = "http.max.header.bytes";
  public static final String MAX_HEADER_DOC =
      "Largest request head (request line and headers) the API reads; larger ones are refused.";
  public static final int MAX_HEADER_DEFAULT = 16 * 1024;

  public static final String AUDIT_PUT_EVENTS_CONFIG = "audit.put.events";
  public static final String AUDIT_PUT_EVENTS_DOC =
      "Whether the audit log also records PutEvents calls that were accepted. They are data, not"
          + " changes of the platform (EventBridge's CloudTrail leaves them out by default too), and"
          + " one line and one record each would double the writes of a busy bus. Refused ones are"
          + " always recorded.";

  public static final String TLS_CERT_CONFIG = "http.tls.cert.file";
  public static final String TLS_CERT_DOC =
      "PEM file of the API's certificate (chain). With http.tls.key.file the API speaks only"
          + " HTTPS. Empty: plain HTTP, which Railyard warns about on a non-loopback http.host.";

  public static final String TLS_KEY_CONFIG = "http.tls.key.file";
  public static final String TLS_KEY_DOC = "PEM file of the private key of http.tls.cert.file.";

  private HttpConfig() {}

  /** Adds these settings to {@code def}. */
  static ConfigDef defineAll(ConfigDef def) {
    return def.define(ALLOWED_HOSTS_CONFIG, Type.LIST, "", Importance.MEDIUM, ALLOWED_HOSTS_DOC)
        .define(
            EVENTS_RATE_CONFIG,
            Type.DOUBLE,
            EVENTS_RATE_DEFAULT,
            Range.atLeast(0),
            Importance.MEDIUM,
            EVENTS_RATE_DOC)
        .define(
            WRITES_RATE_CONFIG,
            Type.DOUBLE,
            WRITES_RATE_DEFAULT,
            Range.atLeast(0),
            Importance.MEDIUM,
            WRITES_RATE_DOC)
        .define(
            IDLE_TIMEOUT_CONFIG,
            Type.INT,
            IDLE_TIMEOUT_DEFAULT,
            Range.between(1, 86_400),
            Importance.LOW,
            IDLE_TIMEOUT_DOC)
        .define(
            MAX_CONNECTIONS_CONFIG,
            Type.INT,
            MAX_CONNECTIONS_DEFAULT,
            Range.between(1, 100_000),
            Importance.LOW,
            MAX_CONNECTIONS_DOC)
        .define(
            MAX_HEADER_CONFIG,
            Type.INT,
            MAX_HEADER_DEFAULT,
            Range.between(1024, 1024 * 1024),
            Importance.LOW,
            MAX_HEADER_DOC)
        .define(AUDIT_PUT_EVENTS_CONFIG, Type.BOOLEAN, false, Importance.LOW, AUDIT_PUT_EVENTS_DOC)
        .define(TLS_CERT_CONFIG, Type.STRING, "", Importance.MEDIUM, TLS_CERT_DOC)
        .define(TLS_KEY_CONFIG, Type.STRING, "", Importance.MEDIUM, TLS_KEY_DOC);
  }
}
