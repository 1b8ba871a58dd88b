package dev.railyard.sources.syslog;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The counters of one task, shared by its listener threads and its poll. Thread-safe. */
final class SyslogMetrics implements SyslogMetricsMBean {

  private static final Logger LOG = LoggerFactory.getLogger(SyslogMetrics.class);

  /** Which task's counters hold each name now. */
  private static final Map<ObjectName, SyslogMetrics> OWNERS = new ConcurrentHashMap<>();

  final AtomicLong received = new AtomicLong();
  final AtomicLong polled = new AtomicLong();
  final AtomicLong dropped = new AtomicLong();
  final AtomicLong malformed = new AtomicLong();
  final AtomicLong oversized = new AtomicLong();
  final AtomicLong refusedConnections = new AtomicLong();
  final AtomicInteger openConnections = new AtomicInteger();
  private final BlockingQueue<?> queue;
  private ObjectName name;

  SyslogMetrics(BlockingQueue<?> queue) {
    this.queue = queue;
  }

  /** The name the task's counters are registered under. */
  static ObjectName objectName(String connector) {
    try {
      return new ObjectName(
          "dev.railyard.sources.syslog:type=SyslogSourceTask,connector="
              + ObjectName.quote(connector));
    } catch (JMException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /**
   * Registers the counters; a task of the same connector that has not yet been stopped (Connect may
   * start the new one first) gives its place to this one.
   */
  void register(String connector) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName wanted = objectName(connector);
    try {
      if (server.isRegistered(wanted)) {
        server.unregisterMBean(wanted);
      }
      server.registerMBean(this, wanted);
      OWNERS.put(wanted, this);
      name = wanted;
    } catch (JMException e) {
      LOG.warn(
          "The counters of syslog source {} cannot be registered in JMX: {}",
          connector,
          e.toString());
    }
  }

  void unregister() {
    // a newer task of the connector may have taken the name: the counters are its own then
    if (name != null && OWNERS.remove(name, this)) {
      try {
        ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
      } catch (JMException e) {
        LOG.warn("The counters {} cannot be unregistered from JMX: {}", name, e.toString());
      }
    }
    name = null;
  }

  @Override
  public long getReceived() {
    return received.get();
  }

  @Override
  public long getPolled() {
    return polled.get();
  }

  @Override
  public long getDropped() {
    return dropped.get();
  }

  @Override
  public long getMalformed() {
    return malformed.get();
  }

  @Override
  public long getOversized() {
    return oversized.get();
  }

  @Override
  public long getRefusedConnections() {
    return refusedConnections.get();
  }

  @Override
  public int getOpenConnections() {
    return openConnections.get();
  }

  @Override
  public int getQueued() {
    return queue.size();
  }
}
