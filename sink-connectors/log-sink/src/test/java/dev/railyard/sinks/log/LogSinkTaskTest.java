package dev.railyard.sinks.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One task writing, committing and rolling, driven as Connect drives it. */
class LogSinkTaskTest {

  private static final TopicPartition TP = new TopicPartition("railyard.bus.pods", 0);

  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T00:00:00Z"));
  private final FakeContext context = new FakeContext();

  @Test
  void shouldKeepAFileHiddenUntilItIsRolledThenShowItNamedByItsOffsets() {
    // given a task on a bus topic
    LogSinkTask task = task(Map.of(LogSinkConfig.COMPRESSION_CONFIG, "none"));

    // when three events of one day are written and committed
    task.put(events(0, 3, Events.DAY));
    Map<TopicPartition, ?> committed = task.preCommit(Map.of());

    // then they are in a hidden file of the bus's folder for that day, committed up to offset 3
    Path day = dir.resolve("pods/2026/12/01");
    assertThat(LogFilesRead.files(dir))
        .containsExactly(day.resolve(".railyard.bus.pods-0-000000000000.jsonl.inprogress"));
    assertThat(LogFilesRead.rolled(dir)).isEmpty();
    assertThat(committed.get(TP))
        .hasToString("OffsetAndMetadata{offset=3, leaderEpoch=null, metadata=''}");

    // and when the file's time is up, the next commit rolls it to its visible name
    clock.advance(Duration.ofHours(1));
    task.put(List.of());
    assertThat(context.commitRequests).isPositive();
    task.preCommit(Map.of());
    assertThat(LogFilesRead.files(dir))
        .containsExactly(day.resolve("railyard.bus.pods-0-000000000000-000000000002.jsonl"));
    assertThat(LogFilesRead.lines(dir))
        .extracting(l -> l.get("id").asText())
        .containsExactly("e0", "e1", "e2");
  }

  @Test
  void shouldBeginANewFileOnceOneIsFullAndRollTheFullOneAtTheNextCommit() {
    // given files of at most 1000 bytes
    LogSinkTask task = task(Map.of(LogSinkConfig.ROLL_BYTES_CONFIG, "1000"));

    // when 20 events of about 120 bytes each are written
    task.put(events(0, 20, Events.DAY));

    // then a commit is asked for, and the commit rolls every full file
    assertThat(context.commitRequests).isPositive();
    task.preCommit(Map.of());
    List<Path> rolled = LogFilesRead.rolled(dir);
    assertThat(rolled).hasSize(2);
    assertThat(LogFilesRead.files(dir)).hasSize(3);
    assertThat(rolled).allSatisfy(f -> assertThat(f.toString()).endsWith(".jsonl.gz"));
    assertThat(LogFilesRead.idCounts(dir)).hasSize(20).allSatisfy((id, n) -> assertThat(n).isOne());
  }

  @Test
  void shouldWriteABinaryModeEventInItsStructuredForm() {
    // given a binary-mode record: attributes in ce_* headers, the data as the value
    LogSinkTask task = task(Map.of());
    SinkRecord record =
        Events.record(TP, 0, "{\"pod\":\"web-1\"}".getBytes(StandardCharsets.UTF_8), Events.DAY);
    record.headers().addBytes("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
    record.headers().addString("ce_id", "b-1");
    record.headers().addString("ce_source", "k8s");
    record.headers().addString("ce_type", "pod.failed");
    record.headers().addString("ce_time", "2026-11-30T08:00:00Z");
    record.headers().addString("content-type", "application/json");

    // when it is written
    task.put(List.of(record));
    task.preCommit(Map.of());

    // then the line is the whole event, in the folder of the event's own time
    JsonNode line = LogFilesRead.lines(dir).get(0);
    assertThat(line.get("id").asText()).isEqualTo("b-1");
    assertThat(line.get("specversion").asText()).isEqualTo("1.0");
    assertThat(line.get("datacontenttype").asText()).isEqualTo("application/json");
    assertThat(line.at("/data/pod").asText()).isEqualTo("web-1");
    assertThat(LogFilesRead.files(dir).get(0)).hasParent(dir.resolve("pods/2026/11/30"));
  }

  @Test
  void shouldWriteTheDataOnlyOrATemplateFilledIn() {
    // given one task writing the data only, and one writing a template, under other directories
    // (two tasks never write one partition's files at once)
    LogSinkTask data =
        task(Map.of(LogSinkConfig.FORMAT_CONFIG, "data", LogSinkConfig.PATH_CONFIG, "data"));
    LogSinkTask template =
        task(
            Map.of(
                LogSinkConfig.FORMAT_CONFIG, "template",
                LogSinkConfig.TEMPLATE_CONFIG,
                    "{\"at\": ${time}, \"pod\": ${data.pod}, \"x\": ${data.none}}",
                LogSinkConfig.PATH_CONFIG, "template/{topic}-{partition}",
                LogSinkConfig.DIRECTORY_CONFIG, dir.resolve("other").toString()));

    // when each writes one event
    data.put(events(0, 1, Events.DAY));
    data.preCommit(Map.of());
    template.put(events(0, 1, Events.DAY));
    template.preCommit(Map.of());

    // then each line is what its format says
    assertThat(LogFilesRead.lines(dir.resolve("data")).get(0)).hasToString("{\"pod\":\"web-0\"}");
    assertThat(LogFilesRead.lines(dir.resolve("other/template/railyard.bus.pods-0")).get(0))
        .hasToString("{\"at\":\"" + Events.DAY + "\",\"pod\":\"web-0\",\"x\":null}");
  }

  @Test
  void shouldWriteAPlainValueAsItsJsonOrAsAString() {
    // given a task on a topic that is no bus, by record time, and a value that is JSON and one not
    LogSinkTask task =
        task(
            Map.of(
                LogSinkConfig.PATH_CONFIG,
                "{bus}/{yyyy}{MM}{dd}{HH}",
                LogSinkConfig.PATH_TIME_CONFIG,
                "record"));
    TopicPartition orders = new TopicPartition("orders", 0);
    task.open(List.of(orders));

    // when both are written
    task.put(
        List.of(
            Events.record(orders, 0, "{\"n\": 1}", Events.DAY),
            Events.record(orders, 1, "not json".getBytes(StandardCharsets.UTF_8), Events.DAY)));
    task.preCommit(Map.of());

    // then one line is the JSON, the other a JSON string, in the topic's folder for that hour
    assertThat(LogFilesRead.lines(dir.resolve("orders/2026120110")))
        .extracting(JsonNode::toString)
        .containsExactly("{\"n\":1}", "\"not json\"");
  }

  @Test
  void shouldGoOnAfterAPartitionMovesAwayAndBack() throws Exception {
    // given a task that wrote to a partition, which is then closed (a rebalance)
    LogSinkTask task = task(Map.of());
    task.put(events(0, 5, Events.DAY));
    task.close(List.of(TP));

    // when the partition comes back and Connect hands the same records and more
    task.open(List.of(TP));
    task.put(events(0, 8, Events.DAY));
    task.preCommit(Map.of());

    // then it resumed at 5, and every event is in the open file once
    assertThat(context.offsets).containsEntry(TP, 5L);
    assertThat(LogFilesRead.idCounts(dir)).hasSize(8).allSatisfy((id, n) -> assertThat(n).isOne());
    assertThat(Files.list(dir.resolve(LogFiles.STATE_DIR)))
        .filteredOn(f -> f.toString().endsWith(".json"))
        .hasSize(1);
  }

  private LogSinkTask task(Map<String, String> props) {
    Map<String, String> all = new HashMap<>(props);
    all.putIfAbsent(LogSinkConfig.DIRECTORY_CONFIG, dir.toString());
    LogSinkTask task = new LogSinkTask(clock, Rolls.Hooks.NONE);
    task.initialize(context);
    task.start(all);
    task.open(List.of(TP));
    return task;
  }

  private static List<SinkRecord> events(int from, int to, Instant time) {
    List<SinkRecord> records = new java.util.ArrayList<>();
    for (int i = from; i < to; i++) {
      records.add(Events.structured(TP, i, "e" + i, time));
    }
    return records;
  }
}
