package dev.railyard.rules.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StatsRecordsTest {

  @Test
  void shouldSayWhetherARunFinishedAndWhatAFoldHolds() {
    StatsSnapshot counts = StatsRecords.read("{\"rules\":{\"paid\":{\"matched\":3}}}");

    StatsRecords.Entry running = StatsRecords.entry(StatsRecords.write(counts));
    StatsRecords.Entry finished = StatsRecords.entry(StatsRecords.writeFinished(counts));
    StatsRecords.Entry fold =
        StatsRecords.entry(StatsRecords.writeFold(counts, java.util.List.of("b/2", "a/1")));

    assertThat(running).isEqualTo(new StatsRecords.Entry(counts, false, java.util.Set.of()));
    assertThat(finished).isEqualTo(new StatsRecords.Entry(counts, true, java.util.Set.of()));
    assertThat(fold.counts()).isEqualTo(counts);
    assertThat(fold.folded()).containsExactly("a/1", "b/2");
    assertThatThrownBy(() -> StatsRecords.entry("{\"rules\":{},\"folded\":\"a/1\"}"))
        .hasMessageContaining("folded in a record of railyard.stats must be a list");
  }

  @Test
  void shouldReadBackWhatItWrites() {
    // given
    DeliveryCounters counters = new DeliveryCounters();
    counters.matched("paid");
    counters.matched("created");
    counters.transformError("paid", "billing");
    counters.failed("paid", "audit");
    StatsSnapshot snapshot = counters.snapshot();

    // when
    String json = StatsRecords.write(snapshot);

    // then
    assertThat(StatsRecords.read(json)).isEqualTo(snapshot);
    assertThat(json)
        .isEqualTo(
            "{\"rules\":{"
                + "\"created\":{\"matched\":1,\"targets\":{}},"
                + "\"paid\":{\"matched\":1,\"targets\":{"
                + "\"audit\":{\"transformErrors\":0,\"failed\":1},"
                + "\"billing\":{\"transformErrors\":1,\"failed\":0}}}}}");
  }

  @Test
  void shouldReadCountsLeftOutAsZeroAndIgnoreFieldsItDoesNotKnow() {
    StatsSnapshot read =
        StatsRecords.read(
            "{\"rules\":{\"paid\":{\"retried\":4,"
                + "\"targets\":{\"billing\":{\"failed\":3}}}},\"at\":\"2026-11-26T15:00:00Z\"}");

    assertThat(read.matched("paid")).isZero();
    assertThat(read.failed("paid", "billing")).isEqualTo(3);
    assertThat(read.transformErrors("paid", "billing")).isZero();
  }

  @Test
  void shouldRefuseAValueThatIsNotCountsNamingTheField() {
    assertThatThrownBy(() -> StatsRecords.read("not json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a record of railyard.stats is not JSON");
    assertThatThrownBy(() -> StatsRecords.read("[]"))
        .hasMessageContaining("the record in a record of railyard.stats must be an object");
    assertThatThrownBy(() -> StatsRecords.read("{\"rules\":{\"paid\":{\"matched\":-1}}}"))
        .hasMessageContaining("rules.paid.matched in a record of railyard.stats must be a count");
    assertThatThrownBy(
            () ->
                StatsRecords.read("{\"rules\":{\"paid\":{\"targets\":{\"b\":{\"failed\":1.5}}}}}"))
        .hasMessageContaining("rules.paid.targets.b.failed");
    assertThatThrownBy(() -> StatsRecords.read("{\"rules\":{\"paid\":{\"matched\":\"3\"}}}"))
        .hasMessageContaining("rules.paid.matched");
  }

  @Test
  void shouldKeyEachPublisherBySourceAndInstance() {
    assertThat(StatsRecords.key("router.shop", "0b6e")).isEqualTo("router.shop/0b6e");
  }
}
