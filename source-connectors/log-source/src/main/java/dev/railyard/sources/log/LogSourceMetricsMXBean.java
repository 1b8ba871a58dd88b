package dev.railyard.sources.log;

import java.util.Map;

/**
 * A log source task's figures over JMX, as {@code
 * dev.railyard.sources.log:type=log-source,connector=<name>,task=<index>}. Thread-safe.
 */
public interface LogSourceMetricsMXBean {

  /** Bytes written to the task's files and not yet read into events, over all its files. */
  long getBytesBehind();

  /** The same per live file path; -1 for a file that cannot be read. */
  Map<String, Long> getBytesBehindByFile();

  /** What the task does with each live file path: which file it reads, at what position. */
  Map<String, String> getFileStatus();

  /** Events polled since the task started. */
  long getEventsRead();
}
