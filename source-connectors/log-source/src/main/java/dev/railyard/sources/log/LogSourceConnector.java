package dev.railyard.sources.log;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails log files onto a bus as CloudEvents, through rotation and restarts, losing and repeating no
 * line (repeating none only where the workers run exactly-once source support). See {@link
 * LogSourceConfig} for the settings and {@link Tailer} for how files are followed. Connect calls it
 * from one thread.
 */
public class LogSourceConnector extends SourceConnector {

  public static final String VERSION = "0.1.0";

  private static final Logger log = LoggerFactory.getLogger(LogSourceConnector.class);

  private Map<String, String> props;
  private ScheduledExecutorService monitor;
  private int maxTasks;
  private int tasks;
  private int runs; // counts in a row that wanted another task count than there is

  /** Counts in a row (one every {@code log.rescan.interval.ms}) before more tasks are asked for. */
  static final int CHECKS_UP = 3;

  /** Counts in a row before fewer tasks are asked for. */
  static final int CHECKS_DOWN = 30;

  @Override
  public void start(Map<String, String> props) {
    LogSourceConfig config = new LogSourceConfig(props);
    this.props = new HashMap<>(props);
    monitor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "log-source-file-count");
              t.setDaemon(true);
              return t;
            });
    long every = Math.max(1_000, config.rescanIntervalMs());
    monitor.scheduleWithFixedDelay(this::watchFileCount, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return LogSourceTask.class;
  }

  /**
   * The files the patterns match now are dealt out among the tasks in turn ({@link FileShares}), so
   * one pattern's files can be read by several tasks; as many tasks as there are files (or
   * patterns, for files still to come), at most {@code maxTasks}.
   */
  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    Set<Path> files = scan();
    int tasks = tasksFor(maxTasks, files.size());
    String dealt = FileShares.encode(files);
    List<Map<String, String>> configs = new ArrayList<>(tasks);
    for (int i = 0; i < tasks; i++) {
      Map<String, String> config = new HashMap<>(props);
      config.put(LogSourceConfig.TASK_INDEX_CONFIG, Integer.toString(i));
      config.put(LogSourceConfig.TASK_COUNT_CONFIG, Integer.toString(tasks));
      config.put(LogSourceConfig.TASK_FILES_CONFIG, dealt);
      configs.add(config);
    }
    synchronized (this) {
      this.maxTasks = maxTasks;
      this.tasks = tasks;
      this.runs = 0;
    }
    return configs;
  }

  private int tasksFor(int maxTasks, int files) {
    int patterns = new LogSourceConfig(props).paths().size();
    return Math.max(1, Math.min(maxTasks, Math.max(files, patterns)));
  }

  private Set<Path> scan() {
    LogSourceConfig config = new LogSourceConfig(props);
    return new Globs(config.paths(), config.excludes()).scan();
  }

  /**
   * Files appearing later are read by the tasks there are (by their hash); when they would make
   * more tasks (up to {@code tasks.max}) for {@link #CHECKS_UP} counts in a row, or deleted ones
   * fewer for {@link #CHECKS_DOWN}, Connect is asked for new task configs. The wait keeps a folder
   * of short-lived job logs, whose count goes up and down, from restarting the tasks at every job.
   */
  private void watchFileCount() {
    try {
      int files = scan().size();
      boolean reconfigure;
      int wanted;
      int now;
      synchronized (this) {
        wanted = tasksFor(maxTasks, files);
        now = tasks;
        runs = wanted == now || now == 0 ? 0 : runs + 1;
        reconfigure = runs >= (wanted > now ? CHECKS_UP : CHECKS_DOWN);
        if (reconfigure) {
          runs = 0; // asked once; taskConfigs sets the new count
        }
      }
      if (reconfigure) {
        log.info(
            "{} files now match log.paths: asking for {} tasks instead of {}", files, wanted, now);
        context.requestTaskReconfiguration();
      }
    } catch (RuntimeException e) {
      log.warn("cannot count the files log.paths matches ({}); trying again", e.toString());
    }
  }

  /**
   * Each record carries its offset, and a poll's records with their offsets are one transaction
   * when the worker has {@code exactly.once.source.support=enabled}: nothing else is needed.
   */
  @Override
  public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
    return ExactlyOnceSupport.SUPPORTED;
  }

  @Override
  public void stop() {
    if (monitor != null) {
      monitor.shutdownNow();
    }
  }

  /** Adds what no single key's validator can see: keys that do not go together. */
  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config result = super.validate(connectorConfigs);
    Map<String, String> together = LogSourceConfig.problemsTogether(connectorConfigs);
    for (ConfigValue value : result.configValues()) {
      String problem = together.get(value.name());
      if (problem != null && value.errorMessages().isEmpty()) {
        value.addErrorMessage(
            "Invalid value "
                + connectorConfigs.get(value.name())
                + " for configuration "
                + value.name()
                + ": "
                + problem);
      }
    }
    return result;
  }

  @Override
  public ConfigDef config() {
    return LogSourceConfig.CONFIG_DEF;
  }

  @Override
  public String version() {
    return VERSION;
  }
}
