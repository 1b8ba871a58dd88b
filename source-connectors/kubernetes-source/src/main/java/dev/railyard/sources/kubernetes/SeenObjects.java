package dev.railyard.sources.kubernetes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * What a stream has seen of each object, kept in Connect's source offsets: the last resourceVersion
 * of every object that exists, by uid. A deleted object is dropped.
 *
 * <p>Offsets are JSON maps of primitives in a compacted topic, and Connect can only read back the
 * partitions it is asked for. So a stream's objects are spread by uid over {@value #BUCKETS} source
 * partitions, {@code {kind, namespace, bucket}}, each offset a flat map {@code uid -> "<rv>
 * <namespace>/<name>"}: a start reads the {@value #BUCKETS} partitions it knows it has, and each
 * record carries only its own bucket's map (10,000 objects make offsets of about 20 KiB each). Used
 * by the task's thread only.
 */
final class SeenObjects {

  static final int BUCKETS = 32;

  /** What was seen of one object. */
  record Seen(String resourceVersion, String namespace, String name) {
    static Seen parse(String value) {
      int space = value.indexOf(' ');
      int slash = value.indexOf('/', space + 1);
      return new Seen(
          value.substring(0, space), value.substring(space + 1, slash), value.substring(slash + 1));
    }

    String format() {
      return resourceVersion + " " + namespace + "/" + name;
    }
  }

  private final Stream stream;
  private final List<Map<String, String>> buckets = new ArrayList<>(BUCKETS);

  SeenObjects(Stream stream) {
    this.stream = stream;
    for (int i = 0; i < BUCKETS; i++) {
      buckets.add(new HashMap<>());
    }
  }

  /** The objects a stream's committed offsets say were seen. */
  static SeenObjects load(Stream stream, OffsetStorageReader reader) {
    SeenObjects seen = new SeenObjects(stream);
    List<Map<String, Object>> partitions = new ArrayList<>(BUCKETS);
    for (int i = 0; i < BUCKETS; i++) {
      partitions.add(seen.partition(i));
    }
    Map<Map<String, Object>, Map<String, Object>> offsets = reader.offsets(partitions);
    for (int i = 0; i < BUCKETS; i++) {
      Map<String, Object> offset = offsets == null ? null : offsets.get(partitions.get(i));
      if (offset != null) {
        Map<String, String> bucket = seen.buckets.get(i);
        offset.forEach((uid, v) -> bucket.put(uid, String.valueOf(v)));
      }
    }
    return seen;
  }

  Seen get(String uid) {
    String v = bucket(uid).get(uid);
    return v == null ? null : Seen.parse(v);
  }

  void put(String uid, Seen seen) {
    bucket(uid).put(uid, seen.format());
  }

  void remove(String uid) {
    bucket(uid).remove(uid);
  }

  Set<String> uids() {
    Set<String> all = new java.util.HashSet<>();
    buckets.forEach(b -> all.addAll(b.keySet()));
    return all;
  }

  int size() {
    return buckets.stream().mapToInt(Map::size).sum();
  }

  /** The source partition an event of this object belongs to. */
  Map<String, Object> partitionOf(String uid) {
    return partition(bucketOf(uid));
  }

  /** The offset that says what is seen now in this object's bucket: a copy. */
  Map<String, Object> offsetOf(String uid) {
    return new HashMap<>(bucket(uid));
  }

  Collection<Map<String, String>> buckets() {
    return buckets;
  }

  private Map<String, Object> partition(int bucket) {
    return Map.of(
        "kind",
        stream.kind().apiVersion() + "/" + stream.kind().kind(),
        "namespace",
        stream.namespace(),
        "bucket",
        String.valueOf(bucket));
  }

  private Map<String, String> bucket(String uid) {
    return buckets.get(bucketOf(uid));
  }

  private static int bucketOf(String uid) {
    return Math.floorMod(uid.hashCode(), BUCKETS);
  }
}
