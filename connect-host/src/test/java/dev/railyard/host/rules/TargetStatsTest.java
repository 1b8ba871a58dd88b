package dev.railyard.host.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class TargetStatsTest {

  private static final String RETRY = "railyard.retry.orders.db";

  @Test
  void shouldCountRetryingFromTheRetryGroupsCommitsAndPartitionsWithoutACommitFromZero() {
    // given a retry topic of three partitions, the retry group having committed on two
    Map<TopicPartition, Long> ends =
        Map.of(
            new TopicPartition(RETRY, 0), 10L,
            new TopicPartition(RETRY, 1), 4L,
            new TopicPartition(RETRY, 2), 3L,
            new TopicPartition("railyard.to.orders.db", 0), 50L);
    Map<TopicPartition, Long> committed =
        Map.of(new TopicPartition(RETRY, 0), 7L, new TopicPartition(RETRY, 1), 4L);

    // when the records retrying are counted
    long retrying = TargetStats.retrying(RETRY, ends, committed);

    // then each partition counts what is past its commit, or all of it without one
    assertThat(retrying).isEqualTo(3 + 0 + 3);
  }

  @Test
  void shouldCountNothingRetryingWithoutARetryTopic() {
    Map<TopicPartition, Long> ends = Map.of(new TopicPartition("railyard.to.orders.db", 0), 50L);

    assertThat(TargetStats.retrying(RETRY, ends, Map.of())).isZero();
  }

  @Test
  void shouldNotCountParkedRecordsAsDeliveredSoThatTheyShowInTheLag() {
    // given 100 routed, 90 committed by the sink, 5 of them parked in the retry topic
    TargetStats.Figures figures = TargetStats.Figures.ofOffsets(100, 90, 5, 2);

    // then
    assertThat(figures.delivered()).isEqualTo(85);
    assertThat(figures.retrying()).isEqualTo(5);
    assertThat(figures.lag()).isEqualTo(15);
    assertThat(figures.view().keySet())
        .containsSubsequence("delivered", "lag", "retrying", "deadLettered");
    assertThat(figures.view()).containsEntry("retrying", 5L).containsEntry("lag", 15L);
  }

  @Test
  void shouldNeverShowDeliveredBelowZero() {
    // the retry topic's end offset may be read after the sink group's commit
    assertThat(TargetStats.Figures.ofOffsets(10, 3, 5, 0).delivered()).isZero();
  }
}
