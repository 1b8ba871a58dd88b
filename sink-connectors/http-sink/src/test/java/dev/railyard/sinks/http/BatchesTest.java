package dev.railyard.sinks.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class BatchesTest {

  @Test
  void shouldKeepEachKeyInOneLaneInItsOrder() {
    // given 300 records of 7 keys
    List<SinkRecord> records = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      records.add(record("key-" + (i % 7), i));
    }

    // when
    List<List<SinkRecord>> lanes = Batches.lanes(records, 4);

    // then no key is in two lanes, and each lane keeps the records' order
    assertThat(lanes).hasSizeLessThanOrEqualTo(4);
    assertThat(lanes.stream().mapToInt(List::size).sum()).isEqualTo(300);
    for (List<SinkRecord> lane : lanes) {
      assertThat(lane)
          .isSortedAccordingTo((a, b) -> Long.compare(a.kafkaOffset(), b.kafkaOffset()));
      for (List<SinkRecord> other : lanes) {
        if (other != lane) {
          assertThat(keys(other)).doesNotContainAnyElementsOf(keys(lane));
        }
      }
    }
  }

  @Test
  void shouldSpreadRecordsWithoutAKeyOverEveryLane() {
    List<SinkRecord> records = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      records.add(record(null, i));
    }
    assertThat(Batches.lanes(records, 4))
        .hasSize(4)
        .allSatisfy(lane -> assertThat(lane).hasSize(2));
  }

  @Test
  void shouldCutRequestsByCount() {
    List<SinkRecord> lane = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      lane.add(record("k", i));
    }
    assertThat(Batches.requests(lane, 4, 1_000, r -> 10, r -> "same"))
        .extracting(List::size)
        .containsExactly(4, 4, 2);
  }

  @Test
  void shouldCutRequestsByBytesAndSendAnOversizedRecordAlone() {
    List<SinkRecord> lane =
        List.of(record("k", 0), record("k", 1), record("k", 2), record("k", 3), record("k", 4));
    int[] sizes = {40, 40, 500, 30, 30};

    List<List<SinkRecord>> requests =
        Batches.requests(lane, 100, 100, r -> sizes[(int) r.kafkaOffset()], r -> "same");

    assertThat(requests).extracting(List::size).containsExactly(2, 1, 2);
  }

  private static List<Object> keys(List<SinkRecord> lane) {
    return lane.stream().map(SinkRecord::key).distinct().toList();
  }

  private static SinkRecord record(String key, long offset) {
    return new SinkRecord("t", 0, Schema.OPTIONAL_STRING_SCHEMA, key, null, "v", offset);
  }
}
