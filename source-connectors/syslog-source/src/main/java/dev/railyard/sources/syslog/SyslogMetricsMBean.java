package dev.railyard.sources.syslog;

/**
 * The counters of one syslog source task, as JMX shows them under {@code
 * dev.railyard.sources.syslog:type=SyslogSourceTask,connector=<name>}. Every counter counts from
 * the task's start.
 */
public interface SyslogMetricsMBean {

  /** Messages read off the wire (datagrams and TCP frames), whatever became of them. */
  long getReceived();

  /** Records handed to Connect. */
  long getPolled();

  /** UDP datagrams dropped because the queue was full. */
  long getDropped();

  /** Messages that could not be parsed (written raw or dropped, per syslog.malformed). */
  long getMalformed();

  /** Messages larger than syslog.max.message.bytes (truncated or dropped, per syslog.oversized). */
  long getOversized();

  /** TCP connections closed at once because syslog.tcp.max.connections were open. */
  long getRefusedConnections();

  /** TCP connections open now. */
  int getOpenConnections();

  /** Messages waiting in the queue for Connect now. */
  int getQueued();
}
