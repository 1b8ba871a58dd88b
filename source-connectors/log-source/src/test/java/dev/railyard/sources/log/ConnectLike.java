package dev.railyard.sources.log;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * The part of Connect a source task sees: the committed source offsets, which live on when a task
 * is thrown away, as in Connect's offsets topic. Thread-safe.
 */
final class ConnectLike implements SourceTaskContext {

  private final Map<Map<String, Object>, Map<String, Object>> committed = new ConcurrentHashMap<>();
  private final Map<String, String> configs;
  private final PluginMetrics metrics;

  ConnectLike(Map<String, String> configs) {
    this(configs, null);
  }

  /** {@code metrics}: Connect's metrics of the task; null for a context without them. */
  ConnectLike(Map<String, String> configs, PluginMetrics metrics) {
    this.configs = configs;
    this.metrics = metrics;
  }

  /** Commits offsets, the last of each partition winning, as Connect's offset flush does. */
  void commit(Map<Map<String, ?>, Map<String, ?>> offsets) {
    offsets.forEach(
        (partition, offset) -> committed.put(new HashMap<>(partition), new HashMap<>(offset)));
  }

  @Override
  public Map<String, String> configs() {
    return configs;
  }

  @Override
  public PluginMetrics pluginMetrics() {
    return metrics;
  }

  @Override
  public OffsetStorageReader offsetStorageReader() {
    return new OffsetStorageReader() {
      @Override
      @SuppressWarnings("unchecked")
      public <T> Map<String, Object> offset(Map<String, T> partition) {
        return committed.get((Map<String, Object>) partition);
      }

      @Override
      public <T> Map<Map<String, T>, Map<String, Object>> offsets(
          Collection<Map<String, T>> partitions) {
        Map<Map<String, T>, Map<String, Object>> out = new HashMap<>();
        for (Map<String, T> p : partitions) {
          Map<String, Object> o = offset(p);
          if (o != null) {
            out.put(p, o);
          }
        }
        return out;
      }
    };
  }
}
