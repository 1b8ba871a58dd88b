package dev.railyard.sinks.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Cuts a task's records into lanes and requests. A lane is a sequence of requests sent one after
 * the other; the lanes go side by side. Records of one key always share a lane, so they reach the
 * endpoint in their order. Stateless.
 */
final class Batches {

  private Batches() {}

  /**
   * The records spread over {@code lanes} lanes, each in the order given: by the hash of the key,
   * or, for records without a key (which promise no order), by offset.
   */
  static List<List<SinkRecord>> lanes(List<SinkRecord> records, int lanes) {
    List<List<SinkRecord>> spread = new ArrayList<>(lanes);
    for (int i = 0; i < lanes; i++) {
      spread.add(new ArrayList<>());
    }
    for (SinkRecord record : records) {
      spread.get(laneOf(record, lanes)).add(record);
    }
    spread.removeIf(List::isEmpty);
    return spread;
  }

  /**
   * Which of {@code lanes} lanes a record goes in: that of its key, or, without one, of its offset.
   */
  static int laneOf(SinkRecord record, int lanes) {
    return (int) Math.floorMod(hash(record), (long) lanes);
  }

  private static long hash(SinkRecord record) {
    Object key = record.key();
    if (key == null) {
      return record.kafkaOffset();
    }
    return key instanceof byte[] bytes ? Arrays.hashCode(bytes) : Objects.hashCode(key);
  }

  /**
   * A lane's records cut into requests of at most {@code maxRecords} records and, where a request
   * holds more than one, at most {@code maxBytes} bytes of body, in order.
   *
   * @param size the bytes a record adds to a request's body
   * @param url where a record goes; records of one request go to the same place
   */
  static List<List<SinkRecord>> requests(
      List<SinkRecord> lane,
      int maxRecords,
      int maxBytes,
      ToIntFunction<SinkRecord> size,
      Function<SinkRecord, ?> url) {
    List<List<SinkRecord>> requests = new ArrayList<>();
    List<SinkRecord> current = new ArrayList<>();
    // a request's body is the records' sizes and one byte more (a JSON array's brackets)
    long bytes = 1;
    Object to = null;
    for (SinkRecord record : lane) {
      int more = size.applyAsInt(record);
      Object next = maxRecords == 1 ? null : url.apply(record);
      if (!current.isEmpty()
          && (current.size() >= maxRecords
              || bytes + more > maxBytes
              || !Objects.equals(to, next))) {
        requests.add(current);
        current = new ArrayList<>();
        bytes = 1;
      }
      current.add(record);
      bytes += more;
      to = next;
    }
    if (!current.isEmpty()) {
      requests.add(current);
    }
    return requests;
  }
}
