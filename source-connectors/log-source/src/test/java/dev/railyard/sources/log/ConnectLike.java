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

  ConnectLike(Map<String, String> configs) {
    this.configs = configs;
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

  /** No Connect metrics here: the task keeps its own MBean. */
  @Override
  public PluginMetrics pluginMetrics() {
    return null;
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
