package dev.railyard.autoscale.policy;

import static dev.railyard.autoscale.policy.Loads.at;
import static dev.railyard.autoscale.policy.Loads.only;
import static dev.railyard.autoscale.policy.Loads.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.autoscale.policy.ConnectorLoad.Kind;
import dev.railyard.autoscale.policy.Decision.Cause;
import dev.railyard.autoscale.policy.Decision.TaskChange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tasks of a source that exposes its bytes behind (the log source), through the policy. */
class SourceSizingTest {

  private static final long MB = 1_000_000;
  private static final double KB = 1_000;

  private final PolicySettings settings = settings(1, 3);

  /** A running log source at {@code tasks}, reading {@code files} files in {@code patterns}. */
  private static ConnectorLoad source(
      String name,
      int tasks,
      Map<String, String> config,
      Optional<String> problem,
      Optional<SourceBacklog> backlog) {
    return new ConnectorLoad(
        name,
        Kind.SOURCE,
        "RUNNING",
        tasks,
        tasks,
        0,
        0,
        0,
        0,
        0,
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        Bounds.of(config),
        problem,
        backlog);
  }

  private static SourceBacklog backlog(
      long behind, double arrival, OptionalDouble perTask, int files, int patterns) {
    return new SourceBacklog(
        behind,
        0,
        files,
        0,
        0,
        patterns,
        OptionalDouble.of(arrival),
        OptionalDouble.empty(),
        perTask);
  }

  private static ConnectorLoad measured(
      long behind, double arrival, double perTask, int patterns, int tasks) {
    return source(
        "app-logs",
        tasks,
        Map.of(),
        Optional.empty(),
        Optional.of(backlog(behind, arrival, OptionalDouble.of(perTask), patterns, patterns)));
  }

  private TaskChange decide(ConnectorLoad c) {
    return only(decide(at(0), PolicyMemory.EMPTY, c));
  }

  private Decision decide(Instant at, PolicyMemory memory, ConnectorLoad... loads) {
    ClusterSnapshot snapshot =
        new ClusterSnapshot(at, List.of(loads), 1, 1, OptionalDouble.empty(), Optional.empty());
    return ScalingPolicy.decide(snapshot, settings, memory);
  }

  @Test
  void shouldRaiseTasksSoTheBytesBehindDrainWithinTheTargetAndSayWhy() {
    // given 48 MB behind at 200 KB/s per task: 60 s needs 4 tasks, and there are 3 files
    ConnectorLoad c = measured(48 * MB, 0, 200 * KB, 3, 1);

    // when
    TaskChange change = decide(c);

    // then as many as it can use
    assertThat(change.desired()).isEqualTo(3);
    assertThat(change.cause()).isEqualTo(Cause.DEMAND_UP);
    assertThat(change.reason())
        .isEqualTo(
            "app-logs: 48 MB behind drains in 240 s at 200 KB/s per task; tasks 1 → 3 (3 files)");
  }

  @ParameterizedTest(
      name = "{0} MB behind, arriving {1} KB/s, {2} KB/s per task, {3} patterns, now {4} → {5}")
  @CsvSource({
    // MB behind, arrival KB/s, per task KB/s, patterns (one file each), tasks now, desired
    "0, 0, 200, 4, 1, 1", // idle: one task
    "12, 0, 200, 4, 1, 1", // drains in 60 s with one task
    "13, 0, 200, 4, 1, 2", // 1.08 tasks
    "24, 200, 200, 4, 1, 3", // 2 for the backlog and 1 for arrivals
    "1000, 0, 200, 4, 1, 4", // never above the files it reads
    "0, 500, 200, 8, 1, 3", // keeping up with arrivals alone: 2.5 tasks
    "12, 0, 200, 1, 1, 1", // one file: one task however far behind
  })
  void shouldSizeTasksByDrainTargetArrivalsAndFiles(
      long behindMb, double arrivalKb, double perTaskKb, int patterns, int now, int desired) {
    ConnectorLoad c = measured(behindMb * MB, arrivalKb * KB, perTaskKb * KB, patterns, now);

    assertThat(decide(c).desired()).isEqualTo(desired);
  }

  @Test
  void shouldGiveOnePatternAsManyTasksAsItHasFilesAndNoMore() {
    // given 5 files matched by one pattern (its files are dealt out among its tasks), far behind
    ConnectorLoad c =
        source(
            "app-logs",
            1,
            Map.of(),
            Optional.empty(),
            Optional.of(backlog(500 * MB, 0, OptionalDouble.of(200 * KB), 5, 5)));

    TaskChange change = decide(c);

    assertThat(change.desired()).isEqualTo(5);
    assertThat(change.reason()).endsWith("tasks 1 → 5 (5 files)");
  }

  @Test
  void shouldSayWhenFilesHaveNoOffsetYet() {
    // given 4 patterns of which only one file has been sent a line of (the others have no offset)
    ConnectorLoad c =
        source(
            "app-logs",
            1,
            Map.of(),
            Optional.empty(),
            Optional.of(backlog(24 * MB, 0, OptionalDouble.of(200 * KB), 1, 4)));

    TaskChange change = decide(c);

    assertThat(change.desired()).isEqualTo(2);
    assertThat(change.reason()).endsWith("tasks 1 → 2 (1 file with an offset, 4 patterns)");
  }

  @Test
  void shouldKeepWithinTheConnectorsOwnBounds() {
    Optional<SourceBacklog> far =
        Optional.of(backlog(500 * MB, 0, OptionalDouble.of(200 * KB), 8, 8));
    Optional<SourceBacklog> idle = Optional.of(backlog(0, 0, OptionalDouble.of(200 * KB), 8, 8));
    ConnectorLoad capped =
        source("capped", 1, Map.of("railyard.autoscale.tasks.max", "2"), Optional.empty(), far);
    ConnectorLoad floored =
        source("floored", 3, Map.of("railyard.autoscale.tasks.min", "3"), Optional.empty(), idle);

    Decision d = decide(at(0), PolicyMemory.EMPTY, capped, floored);

    assertThat(d.tasks().get(0).desired()).isEqualTo(2);
    assertThat(d.tasks().get(1).desired()).isEqualTo(3);
    assertThat(d.tasks().get(1).cause()).isEqualTo(Cause.STEADY);
  }

  @Test
  void shouldLeaveAloneASourceThatOptedOutOrExposesNoBacklog() {
    ConnectorLoad out =
        source(
            "out",
            1,
            Map.of("railyard.autoscale.enabled", "false"),
            Optional.empty(),
            Optional.empty());
    ConnectorLoad cdc = source("cdc", 2, Map.of(), Optional.empty(), Optional.empty());

    Decision d = decide(at(0), PolicyMemory.EMPTY, out, cdc);

    assertThat(d.tasks()).allSatisfy(t -> assertThat(t.cause()).isEqualTo(Cause.LEFT_ALONE));
    assertThat(d.tasks()).allSatisfy(t -> assertThat(t.desired()).isEqualTo(t.current()));
    assertThat(d.tasks().get(0).reason())
        .isEqualTo("out: opted out (railyard.autoscale.enabled=false); left alone");
    assertThat(d.tasks().get(1).reason())
        .isEqualTo("cdc: a source connector that exposes no backlog to scale on; left alone");
  }

  @Test
  void shouldHoldAndSayWhyWhenItsOffsetsCarryNoSize() {
    // given a log source whose offsets were all written before they carried the size
    String why =
        "no offset of its files carries the file's size yet (written before the log source added"
            + " it); each file's next line brings it";
    ConnectorLoad old = source("app-logs", 2, Map.of(), Optional.of(why), Optional.empty());

    // when decided again and again
    Decision first = decide(at(0), PolicyMemory.EMPTY, old);
    Decision later = decide(at(600), first.memory(), old);

    // then it holds its tasks, never going down for lack of data
    assertThat(List.of(only(first), only(later)))
        .allSatisfy(
            t -> {
              assertThat(t.cause()).isEqualTo(Cause.HOLD);
              assertThat(t.desired()).isEqualTo(2);
              assertThat(t.reason()).isEqualTo("app-logs: holding 2 tasks: " + why);
            });
  }

  @Test
  void shouldNotCountFilesWithoutASizeAndSaySo() {
    SourceBacklog partly =
        new SourceBacklog(
            24 * MB,
            0,
            4,
            0,
            1,
            4,
            OptionalDouble.of(0),
            OptionalDouble.empty(),
            OptionalDouble.of(200 * KB));

    TaskChange change =
        decide(source("app-logs", 1, Map.of(), Optional.empty(), Optional.of(partly)));

    assertThat(change.desired()).isEqualTo(2);
    assertThat(change.reason())
        .startsWith("app-logs: 24 MB behind (1 file without a size in its offset, not counted)");
  }

  @Test
  void shouldNotScaleOnFilesThatStoodStill() {
    // given 500 MB behind on a file whose position has stood still (deleted, unreadable)
    SourceBacklog stuck =
        new SourceBacklog(
            0,
            500 * MB,
            3,
            1,
            0,
            3,
            OptionalDouble.of(0),
            OptionalDouble.of(0),
            OptionalDouble.of(200 * KB));

    TaskChange change =
        decide(source("app-logs", 1, Map.of(), Optional.empty(), Optional.of(stuck)));

    assertThat(change.desired()).isEqualTo(1);
    assertThat(change.reason()).contains("(not counting 500 MB on 1 file that stood still)");
  }

  @Test
  void shouldHoldWhileBehindWithThePerTaskRateNotMeasuredYet() {
    ConnectorLoad c =
        source(
            "app-logs",
            1,
            Map.of(),
            Optional.empty(),
            Optional.of(backlog(48 * MB, 100 * KB, OptionalDouble.empty(), 3, 3)));

    TaskChange change = decide(c);

    assertThat(change.desired()).isEqualTo(1);
    assertThat(change.cause()).isEqualTo(Cause.HOLD);
    assertThat(change.reason())
        .isEqualTo(
            "app-logs: 48 MB behind, arriving 100 KB/s; per-task rate not measured yet (after 10 s"
                + " behind with the same tasks); tasks stay 1 (3 files)");
  }

  @Test
  void shouldGoDownToOneTaskWhenIdleAfterTheWindowNeverToZero() {
    // given a source at 3 tasks with nothing behind and no growth, watched for the whole window
    ConnectorLoad idle =
        source(
            "app-logs",
            3,
            Map.of(),
            Optional.empty(),
            Optional.of(backlog(0, 0, OptionalDouble.of(200 * KB), 3, 3)));
    Decision d = decide(at(0), PolicyMemory.EMPTY, idle);
    for (int t = 5; t < 120; t += 5) {
      d = decide(at(t), d.memory(), idle);
      assertThat(only(d).desired()).as("at %d s", t).isEqualTo(3);
    }

    // when the window has passed
    d = decide(at(120), d.memory(), idle);

    // then one step down to one task, not to none
    assertThat(only(d).desired()).isEqualTo(1);
    assertThat(only(d).reason()).startsWith("app-logs: idle (nothing behind, files not growing)");
  }

  @Test
  void shouldCountASourcesTasksTowardsTheWorkers() {
    // given a log source at 3 tasks, behind, and two tasks per worker
    ConnectorLoad c = measured(48 * MB, 0, 200 * KB, 3, 3);

    // when
    Decision d = decide(at(0), PolicyMemory.EMPTY, c);

    // then its 3 busy tasks want 2 workers
    assertThat(d.workers().desired()).isEqualTo(2);
    assertThat(d.workers().reason()).contains("3 busy tasks");
  }
}
