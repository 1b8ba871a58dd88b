package dev.railyard.sources.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each offset carries its file's size when the event was read, so {@code size - position} is what
 * the task was behind at that offset (what the autoscaler reads through Connect's offsets), and
 * offsets written without it, by the versions before, resume as before.
 */
class OffsetSizeTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private final List<LogSourceTask> tasks = new ArrayList<>();

  @AfterEach
  void stopTasks() {
    tasks.forEach(LogSourceTask::stop);
  }

  private Map<String, String> props(Path log, int batch) {
    Map<String, String> props = new HashMap<>(RotationTest.props(log));
    props.put(LogSourceConfig.BATCH_MAX_RECORDS_CONFIG, Integer.toString(batch));
    return props;
  }

  private LogSourceTask start(ConnectLike connect, Map<String, String> props) {
    LogSourceTask task = new LogSourceTask();
    task.initialize(connect);
    task.start(props);
    tasks.add(task);
    return task;
  }

  private static void append(Path log, int from, int to) throws Exception {
    Files.writeString(log, range(from, to), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static String range(int from, int to) {
    StringBuilder lines = new StringBuilder();
    IntStream.range(from, to).forEach(n -> lines.append(LogWriter.line(n)));
    return lines.toString();
  }

  private static long number(Map<String, ?> offset, String key) {
    return ((Number) offset.get(key)).longValue();
  }

  private static int lineOf(SourceRecord r) throws Exception {
    return Numbers.inEvents(List.of(JSON.readTree((String) r.value()))).get(0);
  }

  @Test
  void shouldCarryTheFileSizeSoThatSizeMinusPositionIsTheBytesBehind() throws Exception {
    // given a file of 100 lines and a task that reads 10 events a poll
    Path log = dir.resolve("app.log");
    append(log, 0, 100);
    long size = Files.size(log);
    LogSourceTask task = start(new ConnectLike(Map.of()), props(log, 10));

    // when it polls once
    List<SourceRecord> first = task.poll();

    // then each offset has the file's size, and the last one is behind by the 90 lines not read
    assertThat(first).hasSize(10);
    Map<String, ?> last = first.get(9).sourceOffset();
    assertThat(first).allSatisfy(r -> assertThat(number(r.sourceOffset(), "size")).isEqualTo(size));
    long unread = Files.readString(log).substring((int) number(last, "position")).length();
    assertThat(number(last, "size") - number(last, "position")).isEqualTo(unread);
    assertThat(lineOf(first.get(9))).isEqualTo(9);
  }

  @Test
  void shouldShowNothingBehindOnceAllIsReadAndTheNewSizeWhenTheFileGrows() throws Exception {
    // given a task reading 10 events a poll that has read a file of 20 lines to its end
    Path log = dir.resolve("app.log");
    append(log, 0, 20);
    LogSourceTask task = start(new ConnectLike(Map.of()), props(log, 10));
    task.poll();
    List<SourceRecord> second = task.poll();
    Map<String, ?> end = second.get(second.size() - 1).sourceOffset();
    assertThat(lineOf(second.get(second.size() - 1))).isEqualTo(19);
    assertThat(number(end, "size")).isEqualTo(number(end, "position")).isEqualTo(Files.size(log));

    // when 30 more lines are written and it polls again
    append(log, 20, 50);
    long grown = Files.size(log);
    List<SourceRecord> more = task.poll();

    // then its offsets carry the grown size, 20 lines behind after the 10 it read
    assertThat(more).hasSize(10);
    Map<String, ?> offset = more.get(9).sourceOffset();
    assertThat(number(offset, "size")).isEqualTo(grown);
    long unread = Files.readString(log).substring((int) number(offset, "position")).length();
    assertThat(unread).isEqualTo(range(30, 50).length());
    assertThat(number(offset, "size") - number(offset, "position")).isEqualTo(unread);
  }

  @Test
  void shouldResumeFromAnOffsetWrittenWithoutTheSize() throws Exception {
    // given the offset after line 39 as a version before this one wrote it: without the size
    Path log = dir.resolve("app.log");
    append(log, 0, 100);
    LogSourceTask reading = start(new ConnectLike(Map.of()), props(log, 40));
    Map<String, Object> old = new HashMap<>(reading.poll().get(39).sourceOffset());
    reading.stop();
    old.remove("size");
    ConnectLike connect = new ConnectLike(Map.of());
    connect.commit(Map.of(LogEvents.partitionOf(log), old));

    // when a task starts from it
    LogSourceTask resumed = start(connect, props(log, 100));
    List<SourceRecord> rest = resumed.poll();

    // then it goes on with line 40, and its offsets carry the size again
    assertThat(lineOf(rest.get(0))).isEqualTo(40);
    assertThat(rest).hasSize(60);
    assertThat(number(rest.get(59).sourceOffset(), "size")).isEqualTo(Files.size(log));
  }
}
