package dev.railyard.sources.syslog;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocketFactory;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on the configured port (UDP, TCP or both, TLS optional) and hands Connect each received
 * message as a CloudEvent. The listeners run in threads of their own and fill a bounded {@link
 * Inbox}; {@link #poll()} parses what waits there and returns within 100 ms when nothing does.
 * Syslog cannot be replayed, so the records carry no offset to resume from: what was received but
 * not yet written to Kafka is lost if the worker dies.
 */
public class SyslogSourceTask extends SourceTask {

  private static final Logger LOG = LoggerFactory.getLogger(SyslogSourceTask.class);
  private static final long POLL_WAIT_MILLIS = 100;

  private SyslogSourceConfig config;
  private Inbox inbox;
  private SyslogParser parser;
  private SyslogEvents events;
  private final List<AutoCloseable> listeners = new ArrayList<>();
  private Map<String, String> partition;

  @Override
  public String version() {
    return SyslogSourceConnector.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    config = new SyslogSourceConfig(props);
    inbox = new Inbox(config.queueCapacity());
    parser = new SyslogParser(config.format(), config.timezone(), Clock.systemUTC());
    events = new SyslogEvents(config.eventType());
    partition = Map.of("listener", config.host() + ":" + config.port());
    InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
    SSLServerSocketFactory tls = tls();
    try {
      if (config.protocols().contains("udp")) {
        UdpListener udp =
            new UdpListener(address, inbox, config.maxMessageBytes(), config.dropOversized());
        listeners.add(udp);
        udp.start();
      }
      if (config.protocols().contains("tcp")) {
        TcpListener tcp = new TcpListener(address, inbox, config, tls);
        listeners.add(tcp);
        tcp.start();
      }
    } catch (IOException e) {
      stop();
      throw new ConnectException(
          "The syslog source cannot listen on " + address + " (" + config.protocols() + "): " + e,
          e);
    }
    inbox.metrics().register(props.getOrDefault("name", "syslog"));
    LOG.info("Syslog source listening on {} over {}", address, config.protocols());
  }

  private SSLServerSocketFactory tls() {
    if (!config.tlsEnabled()) {
      return null;
    }
    try {
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(config.keyStore(), config.keyStorePassword());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context.getServerSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new ConnectException(
          "The key store "
              + config.getString(SyslogSourceConfig.KEYSTORE_PATH_CONFIG)
              + " cannot serve TLS: "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    List<Received> received = new ArrayList<>();
    inbox.drain(received, config.batchMaxRecords(), POLL_WAIT_MILLIS);
    if (received.isEmpty()) {
      return null;
    }
    List<SourceRecord> records = new ArrayList<>(received.size());
    for (Received r : received) {
      SourceRecord record = record(r);
      if (record != null) {
        records.add(record);
      }
    }
    inbox.metrics().polled.addAndGet(records.size());
    return records;
  }

  /** The record of one message; null for a malformed one that is to be dropped. */
  private SourceRecord record(Received r) {
    String value;
    String key;
    try {
      SyslogMessage message = parser.parse(r.bytes());
      value = events.event(message, r);
      key =
          message.hostname() != null
              ? message.hostname()
              : r.sender().getAddress().getHostAddress();
    } catch (MalformedMessageException | RuntimeException e) {
      if (e instanceof RuntimeException) {
        // a message the parser did not foresee must not stop the task and its listeners
        LOG.warn("A syslog message from {} could not be read: {}", r.sender(), e.toString());
      }
      inbox.metrics().malformed.incrementAndGet();
      if (config.dropMalformed()) {
        return null;
      }
      value = events.malformed(r, e.getMessage());
      key = r.sender().getAddress().getHostAddress();
    }
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString("content-type", "application/cloudevents+json");
    return new SourceRecord(
        partition,
        Map.of("received", r.at().toEpochMilli()),
        config.topic(),
        null,
        Schema.STRING_SCHEMA,
        key,
        Schema.STRING_SCHEMA,
        value,
        r.at().toEpochMilli(),
        headers);
  }

  /** The task's counters, also in JMX; null before start. */
  SyslogMetricsMBean metrics() {
    return inbox == null ? null : inbox.metrics();
  }

  @Override
  public void stop() {
    if (inbox == null) {
      return;
    }
    inbox.close();
    for (AutoCloseable listener : listeners) {
      try {
        listener.close();
      } catch (Exception e) {
        LOG.warn("A syslog listener did not stop cleanly: {}", e.toString());
      }
    }
    listeners.clear();
    inbox.metrics().unregister();
  }
}
