package dev.railyard.sources.syslog;

import dev.railyard.connectors.support.Destination;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The syslog source's settings: where it listens, how it reads messages, what it does with those it
 * cannot take and where it writes them ({@link Destination}). Every key is typed, validated and
 * documented here, so Connect's validate endpoint reports a bad value against its key. Immutable.
 */
public class SyslogSourceConfig extends AbstractConfig {

  public static final String HOST_CONFIG = "syslog.host";
  public static final String HOST_DEFAULT = "0.0.0.0";
  public static final String HOST_DOC =
      "The address to listen on: 0.0.0.0 for every interface of the worker, 127.0.0.1 for local "
          + "senders only, or a host name or address of the worker.";

  public static final String PORT_CONFIG = "syslog.port";
  public static final int PORT_DEFAULT = 5514;
  public static final String PORT_DOC =
      "The port to listen on, 1 to 65535, for UDP and TCP alike. 514 is syslog's own but needs a "
          + "privileged worker; the default 5514 does not.";

  public static final String PROTOCOLS_CONFIG = "syslog.protocols";
  public static final String PROTOCOLS_DEFAULT = "udp,tcp";
  public static final String PROTOCOLS_DOC =
      "The transports to listen on: udp, tcp or udp,tcp. With syslog.tls.enabled, TCP is TLS.";

  public static final String FORMAT_CONFIG = "syslog.format";
  public static final String FORMAT_DEFAULT = "auto";
  public static final String FORMAT_DOC =
      "How messages are read: rfc5424 (strictly), rfc3164 (BSD syslog, leniently), or auto: as "
          + "RFC 5424 when a message starts with <PRI>1 and a space, else as RFC 3164.";

  public static final String TIMEZONE_CONFIG = "syslog.rfc3164.timezone";
  public static final String TIMEZONE_DEFAULT = "UTC";
  public static final String TIMEZONE_DOC =
      "The time zone of RFC 3164 timestamps, which carry none: a zone id such as UTC, "
          + "Europe/Paris or +02:00.";

  public static final String MALFORMED_CONFIG = "syslog.malformed";
  public static final String MALFORMED_DEFAULT = "raw";
  public static final String MALFORMED_DOC =
      "What to do with a message that cannot be parsed (counted as malformed either way): raw "
          + "writes it as an event with data.raw, data.error and the extension malformed=true; "
          + "drop leaves it out.";

  public static final String MAX_MESSAGE_BYTES_CONFIG = "syslog.max.message.bytes";
  public static final int MAX_MESSAGE_BYTES_DEFAULT = 8192;
  public static final String MAX_MESSAGE_BYTES_DOC =
      "The largest message taken, in bytes, 480 to 1048576 (RFC 5424 asks for at least 480, and "
          + "2048 should be taken). A UDP datagram holds at most 65507.";

  public static final String OVERSIZED_CONFIG = "syslog.oversized";
  public static final String OVERSIZED_DEFAULT = "truncate";
  public static final String OVERSIZED_DOC =
      "What to do with a message larger than syslog.max.message.bytes (counted as oversized "
          + "either way): truncate keeps its first syslog.max.message.bytes bytes and marks the "
          + "event truncated=true; drop leaves it out.";

  public static final String TCP_FRAMING_CONFIG = "syslog.tcp.framing";
  public static final String TCP_FRAMING_DEFAULT = "auto";
  public static final String TCP_FRAMING_DOC =
      "How messages are delimited on TCP (RFC 6587): octet-counting (a length, a space, the "
          + "message), lf (each message ends with a line feed), or auto: octet-counting for a "
          + "message that starts with a digit, lf otherwise.";

  public static final String MAX_CONNECTIONS_CONFIG = "syslog.tcp.max.connections";
  public static final int MAX_CONNECTIONS_DEFAULT = 100;
  public static final String MAX_CONNECTIONS_DOC =
      "The most TCP connections open at once, 1 to 10000; a connection beyond is closed at once "
          + "and counted as refused.";

  public static final String IDLE_TIMEOUT_MS_CONFIG = "syslog.tcp.idle.timeout.ms";
  public static final int IDLE_TIMEOUT_MS_DEFAULT = 300_000;
  public static final String IDLE_TIMEOUT_MS_DOC =
      "How long a TCP connection may send nothing before it is closed, in milliseconds; 0 for "
          + "never.";

  public static final String TLS_ENABLED_CONFIG = "syslog.tls.enabled";
  public static final String TLS_ENABLED_DOC =
      "Whether TCP is TLS (RFC 5425: syslog over TLS, octet-counting recommended). Needs tcp in "
          + "syslog.protocols and a key store.";

  public static final String KEYSTORE_PATH_CONFIG = "syslog.tls.keystore.path";
  public static final String KEYSTORE_PATH_DOC =
      "The PKCS12 key store on the worker holding the server's key and certificate, for TLS.";

  public static final String KEYSTORE_PASSWORD_CONFIG = "syslog.tls.keystore.password";
  public static final String KEYSTORE_PASSWORD_DOC =
      "The password of the key store and its key; masked in every answer.";

  public static final String QUEUE_CAPACITY_CONFIG = "syslog.queue.capacity";
  public static final int QUEUE_CAPACITY_DEFAULT = 10_000;
  public static final String QUEUE_CAPACITY_DOC =
      "How many received messages may wait for Connect to take them, 1 to 1000000. When full, "
          + "UDP datagrams are dropped (and counted) and TCP connections are not read until there "
          + "is room. What waits here is lost if the worker dies.";

  public static final String BATCH_MAX_RECORDS_CONFIG = "syslog.batch.max.records";
  public static final int BATCH_MAX_RECORDS_DEFAULT = 1000;
  public static final String BATCH_MAX_RECORDS_DOC =
      "The most records one poll hands Connect, 1 to 100000.";

  public static final String EVENT_TYPE_CONFIG = "syslog.event.type";
  public static final String EVENT_TYPE_DEFAULT = "dev.railyard.syslog.message";
  public static final String EVENT_TYPE_DOC = "The CloudEvents type of every event.";

  public static final ConfigDef CONFIG_DEF = define(Destination.define(new ConfigDef()));

  private static ConfigDef define(ConfigDef def) {
    return def.define(
            HOST_CONFIG,
            Type.STRING,
            HOST_DEFAULT,
            new SyslogValidators.Word("0.0.0.0"),
            Importance.HIGH,
            HOST_DOC)
        .define(
            PORT_CONFIG,
            Type.INT,
            PORT_DEFAULT,
            ConfigDef.Range.between(1, 65535),
            Importance.HIGH,
            PORT_DOC)
        .define(
            PROTOCOLS_CONFIG,
            Type.LIST,
            PROTOCOLS_DEFAULT,
            new SyslogValidators.Protocols(),
            Importance.HIGH,
            PROTOCOLS_DOC)
        .define(
            FORMAT_CONFIG,
            Type.STRING,
            FORMAT_DEFAULT,
            ValidString.in("auto", "rfc5424", "rfc3164"),
            Importance.MEDIUM,
            FORMAT_DOC)
        .define(
            TIMEZONE_CONFIG,
            Type.STRING,
            TIMEZONE_DEFAULT,
            new SyslogValidators.Zone(),
            Importance.LOW,
            TIMEZONE_DOC)
        .define(
            MALFORMED_CONFIG,
            Type.STRING,
            MALFORMED_DEFAULT,
            ValidString.in("raw", "drop"),
            Importance.MEDIUM,
            MALFORMED_DOC)
        .define(
            MAX_MESSAGE_BYTES_CONFIG,
            Type.INT,
            MAX_MESSAGE_BYTES_DEFAULT,
            ConfigDef.Range.between(480, 1_048_576),
            Importance.MEDIUM,
            MAX_MESSAGE_BYTES_DOC)
        .define(
            OVERSIZED_CONFIG,
            Type.STRING,
            OVERSIZED_DEFAULT,
            ValidString.in("truncate", "drop"),
            Importance.MEDIUM,
            OVERSIZED_DOC)
        .define(
            TCP_FRAMING_CONFIG,
            Type.STRING,
            TCP_FRAMING_DEFAULT,
            ValidString.in("auto", "octet-counting", "lf"),
            Importance.LOW,
            TCP_FRAMING_DOC)
        .define(
            MAX_CONNECTIONS_CONFIG,
            Type.INT,
            MAX_CONNECTIONS_DEFAULT,
            ConfigDef.Range.between(1, 10_000),
            Importance.MEDIUM,
            MAX_CONNECTIONS_DOC)
        .define(
            IDLE_TIMEOUT_MS_CONFIG,
            Type.INT,
            IDLE_TIMEOUT_MS_DEFAULT,
            ConfigDef.Range.atLeast(0),
            Importance.LOW,
            IDLE_TIMEOUT_MS_DOC)
        .define(TLS_ENABLED_CONFIG, Type.BOOLEAN, false, null, Importance.MEDIUM, TLS_ENABLED_DOC)
        .define(
            KEYSTORE_PATH_CONFIG,
            Type.STRING,
            null,
            new SyslogValidators.OptionalPath(),
            Importance.MEDIUM,
            KEYSTORE_PATH_DOC)
        .define(
            KEYSTORE_PASSWORD_CONFIG,
            Type.PASSWORD,
            null,
            null,
            Importance.MEDIUM,
            KEYSTORE_PASSWORD_DOC)
        .define(
            QUEUE_CAPACITY_CONFIG,
            Type.INT,
            QUEUE_CAPACITY_DEFAULT,
            ConfigDef.Range.between(1, 1_000_000),
            Importance.LOW,
            QUEUE_CAPACITY_DOC)
        .define(
            BATCH_MAX_RECORDS_CONFIG,
            Type.INT,
            BATCH_MAX_RECORDS_DEFAULT,
            ConfigDef.Range.between(1, 100_000),
            Importance.LOW,
            BATCH_MAX_RECORDS_DOC)
        .define(
            EVENT_TYPE_CONFIG,
            Type.STRING,
            EVENT_TYPE_DEFAULT,
            new SyslogValidators.Word(EVENT_TYPE_DEFAULT),
            Importance.LOW,
            EVENT_TYPE_DOC);
  }

  private final KeyStore keyStore;

  /**
   * @throws ConfigException naming the key, for a bad value or keys that do not go together
   */
  public SyslogSourceConfig(Map<String, String> props) {
    super(CONFIG_DEF, props);
    Destination.check(props);
    if (tlsEnabled() && !protocols().contains("tcp")) {
      throw new ConfigException(
          TLS_ENABLED_CONFIG, true, "TLS is for TCP: add tcp to " + PROTOCOLS_CONFIG);
    }
    keyStore = tlsEnabled() ? loadKeyStore() : null;
  }

  private KeyStore loadKeyStore() {
    String path = getString(KEYSTORE_PATH_CONFIG);
    if (path == null || path.isBlank()) {
      throw new ConfigException(
          KEYSTORE_PATH_CONFIG,
          path,
          "the path of a PKCS12 key store on the worker is needed when "
              + TLS_ENABLED_CONFIG
              + " is true");
    }
    try (InputStream in = Files.newInputStream(Path.of(path))) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, keyStorePassword());
      return store;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new ConfigException(
          KEYSTORE_PATH_CONFIG,
          path,
          "a PKCS12 key store readable on the worker with "
              + KEYSTORE_PASSWORD_CONFIG
              + " is needed; it could not be read: "
              + e.getMessage());
    }
  }

  String topic() {
    return Destination.topic(this);
  }

  String host() {
    return getString(HOST_CONFIG);
  }

  int port() {
    return getInt(PORT_CONFIG);
  }

  List<String> protocols() {
    return getList(PROTOCOLS_CONFIG);
  }

  SyslogParser.Mode format() {
    return SyslogParser.Mode.of(getString(FORMAT_CONFIG));
  }

  ZoneId timezone() {
    return ZoneId.of(getString(TIMEZONE_CONFIG));
  }

  boolean dropMalformed() {
    return getString(MALFORMED_CONFIG).equals("drop");
  }

  int maxMessageBytes() {
    return getInt(MAX_MESSAGE_BYTES_CONFIG);
  }

  boolean dropOversized() {
    return getString(OVERSIZED_CONFIG).equals("drop");
  }

  String tcpFraming() {
    return getString(TCP_FRAMING_CONFIG);
  }

  int maxConnections() {
    return getInt(MAX_CONNECTIONS_CONFIG);
  }

  int idleTimeoutMs() {
    return getInt(IDLE_TIMEOUT_MS_CONFIG);
  }

  boolean tlsEnabled() {
    return getBoolean(TLS_ENABLED_CONFIG);
  }

  /** The key store for TLS, loaded; null without TLS. */
  KeyStore keyStore() {
    return keyStore;
  }

  char[] keyStorePassword() {
    Password password = getPassword(KEYSTORE_PASSWORD_CONFIG);
    return password == null ? new char[0] : password.value().toCharArray();
  }

  int queueCapacity() {
    return getInt(QUEUE_CAPACITY_CONFIG);
  }

  int batchMaxRecords() {
    return getInt(BATCH_MAX_RECORDS_CONFIG);
  }

  String eventType() {
    return getString(EVENT_TYPE_CONFIG);
  }
}
