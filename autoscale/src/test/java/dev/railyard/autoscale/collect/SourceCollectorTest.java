package dev.railyard.autoscale.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.railyard.autoscale.collect.ConnectView.SourceOffset;
import dev.railyard.autoscale.collect.ConnectorState.TaskState;
import dev.railyard.autoscale.policy.ConnectorLoad;
import dev.railyard.autoscale.policy.ConnectorLoad.Kind;
import dev.railyard.autoscale.policy.PolicySettings;
import dev.railyard.autoscale.policy.SourceBacklog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.GroupsMockAdmin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The collector reads log sources' bytes behind from their committed offsets, faked behind {@link
 * ConnectView} as Connect's {@code GET /connectors/{name}/offsets} answers them.
 */
class SourceCollectorTest {

  private static final long MB = 1_000_000;
  private static final String A = "/var/log/app/a.log";
  private static final String B = "/var/log/app/b.log";

  private final GroupsMockAdmin admin = new GroupsMockAdmin();
  private final FakeWorkers.TestClock clock =
      new FakeWorkers.TestClock(Instant.parse("2026-12-02T10:00:00Z"));
  private final FakeWorkers workers = new FakeWorkers(1, 0, 3);
  private final List<ConnectorState> connectors = new ArrayList<>();
  private final Map<String, Map<String, Map<String, Object>>> offsets = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();
  private volatile Exception offsetsDown;

  private final ConnectView connect =
      new ConnectView() {
        @Override
        public List<ConnectorState> connectors() {
          return List.copyOf(connectors);
        }

        @Override
        public List<SourceOffset> sourceOffsets(String connector) throws Exception {
          asked.computeIfAbsent(connector, c -> new AtomicInteger()).incrementAndGet();
          if (offsetsDown != null) {
            throw offsetsDown;
          }
          List<SourceOffset> out = new ArrayList<>();
          offsets
              .getOrDefault(connector, Map.of())
              .forEach((path, offset) -> out.add(new SourceOffset(Map.of("path", path), offset)));
          return out;
        }
      };

  private final Collector collector = new Collector(admin, connect, List::of, workers, clock, 2);
  private final PolicySettings settings = PolicySettings.defaults(1, 3);

  @AfterEach
  void close() {
    admin.close();
  }

  private static ConnectorState logSource(String name, String paths, int tasks, String... extra) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "dev.railyard.sources.log.LogSourceConnector");
    config.put("log.paths", paths);
    config.put("tasks.max", String.valueOf(tasks));
    for (int i = 0; i < extra.length; i += 2) {
      config.put(extra[i], extra[i + 1]);
    }
    List<TaskState> states = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      states.add(new TaskState(i, "RUNNING", "127.0.0.1:8083"));
    }
    return new ConnectorState(name, Kind.SOURCE, config, "RUNNING", states);
  }

  private void offset(String connector, String path, long position, Long size, String fp) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("position", position);
    if (size != null) {
      o.put("size", size);
    }
    o.put("fingerprint", fp);
    o.put("fingerprint.bytes", 1024);
    o.put("inode", "(dev=803,ino=" + fp.hashCode() + ")");
    o.put("file", path);
    offsets.computeIfAbsent(connector, c -> new ConcurrentHashMap<>()).put(path, o);
  }

  private ConnectorLoad collect(String name) throws Exception {
    return collector.collect(settings).connectors().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void shouldAskConnectOnceACollectionAndOnlyForLogSourcesThatTakePart() throws Exception {
    // given a log source, one that opted out and another kind of source
    connectors.add(logSource("app-logs", A, 1));
    connectors.add(logSource("quiet", B, 1, "railyard.autoscale.enabled", "false"));
    connectors.add(
        new ConnectorState(
            "cdc", Kind.SOURCE, Map.of("connector.class", "io.debezium.X"), "RUNNING", List.of()));
    offset("app-logs", A, 0, 10 * MB, "f1");

    // when collected three times
    for (int i = 0; i < 3; i++) {
      collector.collect(settings);
    }

    // then only the log source's offsets were read, once each time
    assertThat(asked).containsOnlyKeys("app-logs");
    assertThat(asked.get("app-logs")).hasValue(3);
    assertThat(collect("cdc").backlog()).isEmpty();
    assertThat(collect("quiet").backlog()).isEmpty();
    assertThat(collect("quiet").problem()).isEmpty();
  }

  @Test
  void shouldMeasureBytesBehindDrainArrivalsAndThePerTaskRate() throws Exception {
    // given two files 20 MB and 10 MB behind, read by one task
    connectors.add(logSource("app-logs", A + "," + B, 1));
    offset("app-logs", A, 0, 20 * MB, "fa");
    offset("app-logs", B, 0, 10 * MB, "fb");
    SourceBacklog first = collect("app-logs").backlog().orElseThrow();
    assertThat(first.bytesBehind()).isEqualTo(30 * MB);
    assertThat(first.drainRate()).isEmpty();

    // when every 5 s the task commits 1 MB further on each file and each grows by 0.5 MB
    SourceBacklog b = first;
    for (int i = 1; i <= 3; i++) {
      clock.advance(Duration.ofSeconds(5));
      offset("app-logs", A, i * MB, 20 * MB + i * MB / 2, "fa");
      offset("app-logs", B, i * MB, 10 * MB + i * MB / 2, "fb");
      b = collect("app-logs").backlog().orElseThrow();
    }

    // then
    assertThat(b.bytesBehind()).isEqualTo(30 * MB - 3 * MB);
    assertThat(b.drainRate().getAsDouble()).isCloseTo(400_000, within(0.1));
    assertThat(b.arrivalRate().getAsDouble()).isCloseTo(200_000, within(0.1));
    assertThat(b.taskRate().getAsDouble()).isCloseTo(400_000, within(0.1));
    assertThat(b.files()).isEqualTo(2);
    assertThat(b.mostTasks()).isEqualTo(2);
  }

  @Test
  void shouldCountWhatWasReadAcrossARotation() throws Exception {
    // given a file 2 MB behind
    connectors.add(logSource("app-logs", A, 1));
    offset("app-logs", A, 8 * MB, 10 * MB, "old");
    collect("app-logs");

    // when it was rotated and the task, having finished the old file, is 1 MB into the new one
    clock.advance(Duration.ofSeconds(10));
    offset("app-logs", A, 1 * MB, 3 * MB, "new");
    SourceBacklog b = collect("app-logs").backlog().orElseThrow();

    // then 3 MB were read in 10 s: the old file's 2 MB and the new one's first
    assertThat(b.drainRate().getAsDouble()).isCloseTo(300_000, within(0.1));
    assertThat(b.arrivalRate().getAsDouble()).isCloseTo(300_000, within(0.1));
    assertThat(b.bytesBehind()).isEqualTo(2 * MB);
  }

  @Test
  void shouldHoldWhenNoOffsetCarriesTheSizeAndCountThoseWithoutOtherwise() throws Exception {
    // given a log source whose offsets were written before they carried the size
    connectors.add(logSource("app-logs", A + "," + B, 1));
    offset("app-logs", A, 5 * MB, null, "fa");
    offset("app-logs", B, 5 * MB, null, "fb");

    // then it is a problem, not a zero
    ConnectorLoad old = collect("app-logs");
    assertThat(old.backlog()).isEmpty();
    assertThat(old.problem())
        .hasValue(
            "no offset of its files carries the file's size yet (written before the log source"
                + " added it); each file's next line brings it");

    // when one file gets a new line: its bytes count, the other is said to be unknown
    offset("app-logs", A, 6 * MB, 9 * MB, "fa");
    SourceBacklog b = collect("app-logs").backlog().orElseThrow();
    assertThat(b.bytesBehind()).isEqualTo(3 * MB);
    assertThat(b.filesWithoutSize()).isEqualTo(1);
  }

  @Test
  void shouldSayWhyWhenTheOffsetsCannotBeReadOrThereAreNone() throws Exception {
    connectors.add(logSource("app-logs", A, 1));

    assertThat(collect("app-logs").problem())
        .hasValue("no file of its patterns has a committed offset yet");

    offsetsDown = new IllegalStateException("Connect answered 404: Not Found");
    ConnectorLoad down = collect("app-logs");
    assertThat(down.problem())
        .hasValue("its offsets could not be read from Connect: Connect answered 404: Not Found");
    assertThat(down.backlog()).isEmpty();
  }

  @Test
  void shouldLetOnePatternUseATaskForEachOfItsFiles() throws Exception {
    // given one pattern matching three files, each with an offset
    connectors.add(logSource("app-logs", "/var/log/app/*.log", 1));
    offset("app-logs", A, 0, 1 * MB, "fa");
    offset("app-logs", B, 0, 1 * MB, "fb");
    offset("app-logs", "/var/log/app/c.log", 0, 1 * MB, "fc");

    SourceBacklog b = collect("app-logs").backlog().orElseThrow();

    assertThat(b.files()).isEqualTo(3);
    assertThat(b.mostTasks()).isEqualTo(3);
  }

  @Test
  void shouldIgnoreOffsetsOfFilesItsPatternsNoLongerMatch() throws Exception {
    // given offsets of a file read before log.paths changed, and an excluded one
    connectors.add(logSource("app-logs", "/var/log/app/*.log", 1, "log.exclude", B));
    offset("app-logs", A, 0, 1 * MB, "fa");
    offset("app-logs", B, 0, 50 * MB, "fb");
    offset("app-logs", "/var/log/old/c.log", 0, 70 * MB, "fc");

    SourceBacklog b = collect("app-logs").backlog().orElseThrow();

    assertThat(b.bytesBehind()).isEqualTo(1 * MB);
    assertThat(b.files()).isEqualTo(1);
    assertThat(b.mostTasks()).isEqualTo(1);
  }

  @Test
  void shouldNotScaleOnAFileWhosePositionStandsStill() throws Exception {
    // given a file 50 MB behind whose position does not move (deleted, unreadable)
    connectors.add(logSource("app-logs", A + "," + B, 2));
    offset("app-logs", A, 0, 50 * MB, "fa");
    offset("app-logs", B, 0, 0L, "fb");
    collect("app-logs");

    // when it stood still for the persistent-lag time (120 s)
    clock.advance(settings.persistentLag());
    SourceBacklog b = collect("app-logs").backlog().orElseThrow();

    // then it is shown apart and not scaled on
    assertThat(b.bytesBehind()).isZero();
    assertThat(b.stuckBytes()).isEqualTo(50 * MB);
    assertThat(b.stuckFiles()).isEqualTo(1);
  }
}
