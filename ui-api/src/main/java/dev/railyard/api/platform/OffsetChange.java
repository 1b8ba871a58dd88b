package dev.railyard.api.platform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An alteration of a connector's offsets (KIP-875, {@code PATCH .../offsets}): for each partition
 * the connector knows (a source's own partition map, or a sink's {@code kafka_topic} and {@code
 * kafka_partition}), the offset to resume from ({@code kafka_offset} for a sink), or null to forget
 * it. Immutable.
 *
 * @param offsets at least one
 */
public record OffsetChange(List<Entry> offsets) {

  /** One partition's new offset. */
  public record Entry(Map<String, Object> partition, Map<String, Object> offset) {
    public Entry {
      Objects.requireNonNull(partition, "partition");
      partition = Collections.unmodifiableMap(new LinkedHashMap<>(partition));
      offset = offset == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(offset));
    }
  }

  public OffsetChange {
    offsets = List.copyOf(offsets);
    if (offsets.isEmpty()) {
      throw new IllegalArgumentException("offsets: at least one {partition, offset} is needed");
    }
  }

  /**
   * Reads Connect's request shape {@code {"offsets": [{"partition": {...}, "offset": {...}}]}}.
   *
   * @throws IllegalArgumentException naming the field that is missing or of the wrong type
   */
  @SuppressWarnings("unchecked")
  public static OffsetChange parse(Map<String, Object> body) {
    for (String field : body.keySet()) {
      if (!field.equals("offsets")) {
        throw new IllegalArgumentException(
            field + ": not a field; the body is {\"offsets\": [...]}");
      }
    }
    if (!(body.get("offsets") instanceof List<?> list)) {
      throw new IllegalArgumentException(
          "offsets: required, a list of {\"partition\": {...}, \"offset\": {...}}");
    }
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "offsets[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> entry)) {
        throw new IllegalArgumentException(at + ": must be an object {\"partition\", \"offset\"}");
      }
      for (Object key : entry.keySet()) {
        if (!Set.of("partition", "offset").contains(key)) {
          throw new IllegalArgumentException(
              at + "." + key + ": not a field; an entry has partition and offset");
        }
      }
      if (!(entry.get("partition") instanceof Map<?, ?> partition) || partition.isEmpty()) {
        throw new IllegalArgumentException(
            at
                + ".partition: required, an object such as {\"kafka_topic\": \"t\","
                + " \"kafka_partition\": 0}");
      }
      Object offset = entry.get("offset");
      if (offset != null && !(offset instanceof Map)) {
        throw new IllegalArgumentException(
            at + ".offset: an object such as {\"kafka_offset\": 42}, or null to forget it");
      }
      entries.add(new Entry((Map<String, Object>) partition, (Map<String, Object>) offset));
    }
    return new OffsetChange(entries);
  }

  /** The body Connect takes. */
  public Map<String, Object> toConnect() {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Entry e : offsets) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("partition", e.partition());
      m.put("offset", e.offset());
      list.add(m);
    }
    return Map.of("offsets", list);
  }
}
