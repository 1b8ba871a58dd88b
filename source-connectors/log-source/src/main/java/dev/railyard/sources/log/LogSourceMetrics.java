package dev.railyard.sources.log;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task's MBean: figures copied from the task thread after each poll, so JMX readers never touch
 * a file the task is reading. Thread-safe.
 */
final class LogSourceMetrics implements LogSourceMetricsMXBean {

  private static final Logger log = LoggerFactory.getLogger(LogSourceMetrics.class);

  private final ObjectName name;
  private final AtomicLong events = new AtomicLong();
  private final Map<String, MetricName> inConnect = new ConcurrentHashMap<>();
  private volatile PluginMetrics connect;
  private volatile Map<String, Long> behind = Map.of();
  private volatile Map<String, String> status = Map.of();

  private LogSourceMetrics(ObjectName name) {
    this.name = name;
  }

  /** Registers the MBean of a task; a name in use (a task restarted in place) is replaced. */
  static LogSourceMetrics register(String connector, int task) {
    ObjectName name;
    try {
      name =
          new ObjectName(
              "dev.railyard.sources.log:type=log-source,connector="
                  + ObjectName.quote(connector)
                  + ",task="
                  + task);
    } catch (JMException e) {
      throw new IllegalStateException("cannot name the MBean of " + connector, e);
    }
    LogSourceMetrics metrics = new LogSourceMetrics(name);
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      if (server.isRegistered(name)) {
        server.unregisterMBean(name);
      }
      server.registerMBean(metrics, name);
    } catch (JMException e) {
      log.warn("cannot register {}: its bytes-behind figures are not on JMX", name, e);
    }
    return metrics;
  }

  /**
   * Shows the figures in Connect's own metrics too (KIP-877: group plugins, tags connector and
   * task), where the worker's reporters (JMX under kafka.connect, any metric.reporters) see them:
   * {@code bytes-behind} for the task and one per file with a {@code file} tag. {@code metrics}
   * null (a context without plugin metrics): JMX only.
   */
  void reportTo(PluginMetrics metrics) {
    this.connect = metrics;
    if (metrics != null) {
      metrics.addMetric(
          metrics.metricName(
              "bytes-behind",
              "Bytes written to the task's log files and not yet read into events",
              new LinkedHashMap<>()),
          (Gauge<Long>) (config, now) -> getBytesBehind());
    }
  }

  private void reportFile(String file) {
    PluginMetrics metrics = connect;
    if (metrics == null || inConnect.containsKey(file)) {
      return;
    }
    LinkedHashMap<String, String> tags = new LinkedHashMap<>();
    tags.put("file", file);
    MetricName metric =
        metrics.metricName(
            "file-bytes-behind",
            "Bytes written to one live log file (and its rotated copy being finished) not yet read",
            tags);
    metrics.addMetric(metric, (Gauge<Long>) (config, now) -> behind.getOrDefault(file, 0L));
    inConnect.put(file, metric);
  }

  /** A file no longer followed (deleted and read to its end, or another task's) leaves no gauge. */
  private void forgetFiles(Set<String> followed) {
    PluginMetrics metrics = connect;
    for (var it = inConnect.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (!followed.contains(e.getKey())) {
        if (metrics != null) {
          metrics.removeMetric(e.getValue());
        }
        it.remove();
      }
    }
  }

  void update(Iterable<Tailer> tailers, int polled) {
    Map<String, Long> b = new TreeMap<>();
    Map<String, String> s = new TreeMap<>();
    for (Tailer t : tailers) {
      b.put(t.live().toString(), t.bytesBehind());
      s.put(t.live().toString(), t.status());
    }
    behind = b;
    status = s;
    b.keySet().forEach(this::reportFile);
    forgetFiles(b.keySet());
    events.addAndGet(polled);
  }

  void unregister() {
    try {
      ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
    } catch (JMException e) {
      // not registered
    }
  }

  ObjectName name() {
    return name;
  }

  @Override
  public long getBytesBehind() {
    return behind.values().stream().mapToLong(v -> Math.max(0, v)).sum();
  }

  @Override
  public Map<String, Long> getBytesBehindByFile() {
    return behind;
  }

  @Override
  public Map<String, String> getFileStatus() {
    return status;
  }

  @Override
  public long getEventsRead() {
    return events.get();
  }
}
