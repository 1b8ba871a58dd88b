package dev.railyard.sources.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Runs a real {@link LogSourceTask} the way a Connect worker does: a thread polling it, the records
 * "sent" as they come, their offsets committed at an interval (at least once) or with each batch in
 * one step (exactly once: the batch and its offsets are one transaction). A kill -9 of the worker
 * is {@link #kill}: the task is dropped without committing what it polled since the last commit
 * (with exactly once: without sending the batch in flight), and a new task starts from the
 * committed offsets.
 */
final class TaskDriver implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ConnectLike connect;
  private final Map<String, String> props;
  private final boolean exactlyOnce;
  private final long commitIntervalMs;
  private final List<JsonNode> sent = new CopyOnWriteArrayList<>();
  private final Object transaction = new Object();
  private final List<SourceRecord> uncommitted = new ArrayList<>();
  private volatile boolean running;
  private LogSourceTask task;
  private Thread pump;
  private volatile Throwable failure;

  TaskDriver(Map<String, String> props, boolean exactlyOnce, long commitIntervalMs) {
    this.props = props;
    this.connect = new ConnectLike(props);
    this.exactlyOnce = exactlyOnce;
    this.commitIntervalMs = commitIntervalMs;
  }

  TaskDriver start() {
    task = new LogSourceTask();
    task.initialize(connect);
    task.start(props);
    running = true;
    pump = new Thread(this::pump, "task-pump");
    pump.start();
    return this;
  }

  private void pump() {
    long nextCommit = System.currentTimeMillis() + commitIntervalMs;
    try {
      while (running) {
        List<SourceRecord> records = task.poll();
        synchronized (transaction) {
          if (!running) {
            return; // killed with this batch in flight: it is never sent
          }
          if (records != null) {
            for (SourceRecord r : records) {
              sent.add(JSON.readTree((String) r.value()));
            }
            uncommitted.addAll(records);
          }
          if (exactlyOnce || System.currentTimeMillis() >= nextCommit) {
            commit();
            nextCommit = System.currentTimeMillis() + commitIntervalMs;
          }
        }
      }
    } catch (Throwable t) {
      failure = t;
    }
  }

  private void commit() {
    Map<Map<String, ?>, Map<String, ?>> offsets = new LinkedHashMap<>();
    for (SourceRecord r : uncommitted) {
      offsets.put(r.sourcePartition(), r.sourceOffset());
    }
    connect.commit(offsets);
    uncommitted.clear();
  }

  /** The worker killed with kill -9: what was not committed is forgotten; a new task starts. */
  void kill() {
    halt(false);
    start();
  }

  /** A graceful stop (Connect's last offset flush) and a new task. */
  void restart() {
    halt(true);
    start();
  }

  /** A graceful stop with its last commit. */
  void stop() {
    halt(true);
  }

  private void halt(boolean commitLast) {
    synchronized (transaction) {
      running = false;
      if (commitLast) {
        commit();
      }
      uncommitted.clear();
    }
    task.stop();
    try {
      pump.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (failure != null) {
      throw new AssertionError("the task failed", failure);
    }
  }

  /** Every event sent so far, in order, repeats included. */
  List<JsonNode> sent() {
    return List.copyOf(sent);
  }

  /** The task's bytes behind as its MBean shows them; -1 before it is registered. */
  long bytesBehind() {
    try {
      ObjectName name =
          new ObjectName(
              "dev.railyard.sources.log:type=log-source,connector="
                  + ObjectName.quote(props.get("name"))
                  + ",task=0");
      MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
      return jmx.isRegistered(name) ? (Long) jmx.getAttribute(name, "BytesBehind") : -1;
    } catch (JMException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (running) {
      stop();
    }
  }
}
