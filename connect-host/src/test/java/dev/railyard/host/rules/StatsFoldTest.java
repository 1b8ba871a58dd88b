package dev.railyard.host.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.rules.stats.StatsRecords;
import dev.railyard.rules.stats.StatsSnapshot;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatsFoldTest {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  private final StatsFold fold = new StatsFold();

  @Test
  void shouldFoldFinishedRunsIntoOneRecordWithoutChangingTheTotal() {
    // given two finished runs of a task and the running one
    fold.apply("router.shop/a", StatsRecords.writeFinished(matched(100)), T0);
    fold.apply("router.shop/b", StatsRecords.writeFinished(matched(20)), T0);
    fold.apply("router.shop/c", StatsRecords.write(matched(3)), T0);
    assertThat(fold.total().matched("paid")).isEqualTo(123);

    // when the fold is written and read back, then the deletions
    StatsFold.Plan plan = fold.plan(T0).orElseThrow();
    assertThat(plan.tombstones()).containsExactly("router.shop/a", "router.shop/b");
    fold.apply(StatsRecords.FOLD_KEY, plan.foldValue(), T0);
    assertThat(fold.total().matched("paid")).as("fold read, deletions not yet").isEqualTo(123);
    plan.tombstones().forEach(k -> fold.apply(k, null, T0));

    // then the total is the same from one fold and one run
    assertThat(fold.total().matched("paid")).isEqualTo(123);
    assertThat(fold.runs()).isEqualTo(1);
    assertThat(fold.plan(T0)).isEmpty();
  }

  @Test
  void shouldNotCountARunTwiceWhenItsDeletionWasLost() {
    fold.apply("router.shop/a", StatsRecords.writeFinished(matched(100)), T0);
    StatsFold.Plan first = fold.plan(T0).orElseThrow();
    fold.apply(StatsRecords.FOLD_KEY, first.foldValue(), T0);

    // the deletion never made it: the run is still there, and held by the fold
    assertThat(fold.total().matched("paid")).isEqualTo(100);

    // the next fold deletes it again, and adds the runs that ended since
    fold.apply("router.shop/b", StatsRecords.writeFinished(matched(5)), T0);
    StatsFold.Plan second = fold.plan(T0).orElseThrow();
    assertThat(second.tombstones()).containsExactlyInAnyOrder("router.shop/a", "router.shop/b");
    fold.apply(StatsRecords.FOLD_KEY, second.foldValue(), T0);
    second.tombstones().forEach(k -> fold.apply(k, null, T0));
    assertThat(fold.total().matched("paid")).isEqualTo(105);
  }

  @Test
  void shouldFoldARunSilentForLongButNotAnIdleOne() {
    fold.apply("target.x.y/dead", StatsRecords.write(matched(7)), T0);
    fold.apply(
        "target.x.y/idle",
        StatsRecords.write(matched(1)),
        T0.plus(StatsFold.SILENT).minusSeconds(60));

    StatsFold.Plan plan = fold.plan(T0.plus(StatsFold.SILENT)).orElseThrow();

    assertThat(plan.tombstones()).containsExactly("target.x.y/dead");
    assertThat(fold.plan(T0.plus(Duration.ofHours(1)))).isEmpty();
  }

  @Test
  void shouldReadAHostRestartFromTheCompactedTopic() {
    // a fold holding a, the deletion of a (its value compacted away) and a newer run
    fold.apply("router.shop/a", null, T0);
    fold.apply(
        StatsRecords.FOLD_KEY,
        StatsRecords.writeFold(matched(100), java.util.List.of("router.shop/a")),
        T0);
    fold.apply("router.shop/b", StatsRecords.write(matched(2)), T0);

    assertThat(fold.total().matched("paid")).isEqualTo(102);
  }

  private static StatsSnapshot matched(long n) {
    return StatsRecords.read("{\"rules\":{\"paid\":{\"matched\":" + n + "}}}");
  }
}
