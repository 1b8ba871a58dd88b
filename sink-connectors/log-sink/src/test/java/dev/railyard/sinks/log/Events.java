package dev.railyard.sinks.log;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;

/** CloudEvents as records of a bus topic, the way the sink receives them. */
final class Events {

  static final Instant DAY = Instant.parse("2026-12-01T10:00:00Z");

  private Events() {}

  /** A structured event with id {@code id}, at {@code time}. */
  static SinkRecord structured(TopicPartition tp, long offset, String id, Instant time) {
    String json =
        "{\"specversion\":\"1.0\",\"id\":\""
            + id
            + "\",\"source\":\"test\",\"type\":\"pod.failed\",\"time\":\""
            + time
            + "\",\"data\":{\"pod\":\"web-"
            + offset
            + "\"}}";
    return record(tp, offset, json.getBytes(StandardCharsets.UTF_8), time);
  }

  static SinkRecord record(TopicPartition tp, long offset, Object value, Instant timestamp) {
    return new SinkRecord(
        tp.topic(),
        tp.partition(),
        Schema.BYTES_SCHEMA,
        null,
        Schema.BYTES_SCHEMA,
        value,
        offset,
        timestamp.toEpochMilli(),
        TimestampType.CREATE_TIME);
  }

  /**
   * {@code count} events of one partition from offset 0, on two days in turn, so that the partition
   * writes two folders at once; ids are {@code <topic>-<partition>-<offset>}.
   */
  static List<SinkRecord> stream(TopicPartition tp, int count) {
    List<SinkRecord> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Instant time = DAY.plusSeconds(i % 2 == 0 ? 0 : 86_400).plusMillis(i);
      records.add(structured(tp, i, tp.topic() + "-" + tp.partition() + "-" + i, time));
    }
    return records;
  }
}
