package dev.railyard.sources.kubernetes;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * Connect's offset store as a task sees it: committed offsets read back by partition, stored as
 * JSON the way Connect's offsets topic holds them, with Connect's rule that an offset is a map of
 * primitives. {@link #commit} is what Connect does once records are written; a task stopped without
 * it is one whose worker was killed before its offsets were flushed.
 */
final class FakeOffsets implements OffsetStorageReader, SourceTaskContext {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> committed = new HashMap<>();

  /** Commits the offsets of {@code records}, each partition's last one winning, as Connect does. */
  void commit(List<SourceRecord> records) {
    for (SourceRecord r : records) {
      r.sourceOffset()
          .forEach(
              (k, v) -> {
                if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                  throw new IllegalStateException(
                      "Connect refuses offsets whose values are not primitives: " + k + "=" + v);
                }
              });
      committed.put(write(r.sourcePartition()), write(r.sourceOffset()));
    }
  }

  /** The bytes all committed offsets take as JSON. */
  int size() {
    return committed.values().stream().mapToInt(String::length).sum();
  }

  @Override
  public <T> Map<String, Object> offset(Map<String, T> partition) {
    String json = committed.get(write(partition));
    if (json == null) {
      return null;
    }
    try {
      return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public <T> Map<Map<String, T>, Map<String, Object>> offsets(
      Collection<Map<String, T>> partitions) {
    Map<Map<String, T>, Map<String, Object>> result = new HashMap<>();
    for (Map<String, T> p : partitions) {
      result.put(p, offset(p));
    }
    return result;
  }

  @Override
  public Map<String, String> configs() {
    return Map.of();
  }

  @Override
  public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
    return null;
  }

  @Override
  public OffsetStorageReader offsetStorageReader() {
    return this;
  }

  private static String write(Map<String, ?> map) {
    try {
      // sorted keys: the same partition is the same key, as Connect's JSON converter makes it
      return JSON.writer()
          .with(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .writeValueAsString(map);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
