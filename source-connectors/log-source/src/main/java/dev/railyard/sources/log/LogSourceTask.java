package dev.railyard.sources.log;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads its share of the files its patterns match ({@link FileShares}) into CloudEvents, one {@link
 * Tailer} per live path. A poll returns what the files hold, or waits up to {@code
 * log.poll.wait.ms} for a change. Offsets are Connect's source offsets, one per live path, each the
 * end of an event's last line; Connect commits them (in the records' transaction with exactly-once
 * support). Connect calls {@link #poll} from one thread and {@link #stop} from another. A live path
 * deleted (not renamed to a rotated copy) is forgotten once its file is read to its end; a file
 * appearing there later is new.
 */
public class LogSourceTask extends SourceTask {

  private static final Logger log = LoggerFactory.getLogger(LogSourceTask.class);

  private final Object lock = new Object();
  private final Map<Path, Tailer> tailers = new LinkedHashMap<>();
  private LogSourceConfig config;
  private TailSettings settings;
  private LogEvents events;
  private Discovery discovery;
  private FileShares shares;
  private LogSourceMetrics metrics;
  private volatile boolean stopping;
  private boolean started;
  private int turn;

  @Override
  public String version() {
    return LogSourceConnector.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    config = new LogSourceConfig(props);
    settings = TailSettings.of(config);
    events = new LogEvents(config.topic(), config.eventType(), config.format());
    shares = config.shares();
    discovery =
        new Discovery(new Globs(config.paths(), config.excludes()), config.rescanIntervalMs());
    metrics =
        LogSourceMetrics.register(props.getOrDefault("name", "log-source"), config.taskIndex());
    metrics.reportTo(pluginMetrics());
    stopping = false;
  }

  /** Connect's metrics of this task; null where the worker has none to give (before 4.1). */
  private PluginMetrics pluginMetrics() {
    try {
      return context.pluginMetrics();
    } catch (UnsupportedOperationException | AbstractMethodError e) {
      return null;
    }
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    long deadline = System.currentTimeMillis() + config.pollWaitMs();
    while (!stopping) {
      List<SourceRecord> records = readOnce();
      if (!records.isEmpty()) {
        return records;
      }
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return null;
      }
      discovery.await(Math.min(left, 100));
    }
    return null;
  }

  private List<SourceRecord> readOnce() {
    synchronized (lock) {
      if (stopping) {
        return List.of();
      }
      long now = System.currentTimeMillis();
      Set<Path> found = discovery.scanIfDue(now, folders());
      if (found != null) {
        track(found);
      }
      List<SourceRecord> records = new ArrayList<>();
      Instant readAt = Instant.ofEpochMilli(now);
      // each poll starts at the next file, so a batch filled by one file's backlog does not keep
      // the others waiting until it is read to its end
      List<Tailer> inTurn = new ArrayList<>(tailers.values());
      int first = inTurn.isEmpty() ? 0 : Math.floorMod(turn++, inTurn.size());
      for (int i = 0; i < inTurn.size(); i++) {
        Tailer t = inTurn.get((first + i) % inTurn.size());
        int room = config.batchMaxRecords() - records.size();
        if (room <= 0) {
          break;
        }
        read(t, room, now, readAt, records);
      }
      metrics.update(tailers.values(), records.size());
      started = true;
      return records;
    }
  }

  private void read(Tailer t, int room, long now, Instant readAt, List<SourceRecord> records) {
    try {
      for (Tailer.Tailed tailed : t.poll(room, now)) {
        records.add(events.record(t.live(), tailed, readAt));
      }
    } catch (IOException e) {
      // a file gone while read, a .gz being written: its tailer tries again next poll
      log.warn("{}: cannot read ({}); trying again", t.live(), e.toString());
    }
    if (t.deleted()) {
      // read to its end (those events are in records): nothing of it is kept any more
      tailers.remove(t.live());
      log.info("{}: deleted and read to its end; no longer followed", t.live());
    }
  }

  private Set<Path> folders() {
    Set<Path> dirs = new HashSet<>();
    tailers.keySet().forEach(p -> dirs.add(p.toAbsolutePath().getParent()));
    return dirs;
  }

  /**
   * Starts tailers for paths newly matched that are this task's to read ({@link FileShares}), from
   * their offsets if Connect has one.
   */
  private void track(Set<Path> found) {
    List<Map<String, String>> partitions = new ArrayList<>();
    for (Path p : shares.mineOf(found)) {
      if (!tailers.containsKey(p)) {
        partitions.add(LogEvents.partitionOf(p));
      }
    }
    if (partitions.isEmpty()) {
      return;
    }
    Map<Map<String, String>, Map<String, Object>> offsets = offsets(partitions);
    for (Map<String, String> partition : partitions) {
      Path p = Path.of(partition.get("path"));
      try {
        // a file found at start without an offset honours log.start.at; one appearing later is new
        boolean atEnd = config.startAtEnd() && !started;
        tailers.put(p, Tailer.resume(p, offsets.get(partition), atEnd, settings));
        log.info("{}: tailing ({})", p, tailers.get(p).status());
      } catch (IOException e) {
        log.warn("{}: cannot open ({}); trying again at the next scan", p, e.toString());
      }
    }
  }

  private Map<Map<String, String>, Map<String, Object>> offsets(
      Collection<Map<String, String>> partitions) {
    Map<Map<String, String>, Map<String, Object>> offsets = new LinkedHashMap<>();
    try {
      offsets.putAll(context.offsetStorageReader().offsets(partitions));
    } catch (RuntimeException e) {
      throw new ConnectException("cannot read the committed offsets of " + partitions, e);
    }
    return offsets;
  }

  @Override
  public void stop() {
    stopping = true;
    if (discovery != null) {
      discovery.close();
    }
    synchronized (lock) {
      for (Tailer t : tailers.values()) {
        try {
          t.close();
        } catch (IOException e) {
          // closing only
        }
      }
      tailers.clear();
      if (metrics != null) {
        metrics.unregister();
      }
    }
  }
}
