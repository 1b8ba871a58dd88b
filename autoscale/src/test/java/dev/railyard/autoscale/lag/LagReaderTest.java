package dev.railyard.autoscale.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.clients.admin.GroupsMockAdmin;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LagReaderTest {

  private final GroupsMockAdmin admin = new GroupsMockAdmin();
  private final LagReader reader = new LagReader(admin, Duration.ofSeconds(5));

  @AfterEach
  void close() {
    admin.close();
  }

  @Test
  void shouldGiveTheLagOfEachPartitionPastTheGroupsCommit() throws Exception {
    // given a topic of three partitions, the group having committed on each
    admin.topic("orders", 10, 4, 7);
    admin.commit("billing", new TopicPartition("orders", 0), 7);
    admin.commit("billing", new TopicPartition("orders", 1), 4);
    admin.commit("billing", new TopicPartition("orders", 2), 1);

    // when
    GroupLag lag =
        reader.read(List.of("orders"), List.of("billing")).lag("billing", "orders").get();

    // then
    assertThat(lag.partitions()).extracting(PartitionLag::lag).containsExactly(3L, 0L, 6L);
    assertThat(lag.lag()).isEqualTo(9);
    assertThat(lag.endOffsets()).isEqualTo(21);
    assertThat(lag.partitions().get(0))
        .isEqualTo(new PartitionLag(new TopicPartition("orders", 0), 10, OptionalLong.of(7)));
  }

  @Test
  void shouldCountAPartitionWithoutACommitFromTheStart() throws Exception {
    admin.topic("orders", 5, 8);
    admin.commit("billing", new TopicPartition("orders", 0), 5);

    GroupLag lag =
        reader.read(List.of("orders"), List.of("billing")).lag("billing", "orders").get();

    assertThat(lag.partitions().get(1).committed()).isEmpty();
    assertThat(lag.lag()).isEqualTo(8);
  }

  @Test
  void shouldCountEverythingForAGroupThatNeverCommitted() throws Exception {
    admin.topic("orders", 5, 8);

    OffsetSnapshot offsets = reader.read(List.of("orders"), List.of("new-group"));

    assertThat(offsets.committed("new-group")).hasValue(java.util.Map.of());
    assertThat(offsets.lag("new-group", "orders").get().lag()).isEqualTo(13);
    assertThat(offsets.problems()).isEmpty();
  }

  @Test
  void shouldReadEveryGroupInOneRequestAndCountEachRecordOnceWhenNamesRepeat() throws Exception {
    // given two groups, one committed on two topics
    admin.topic("orders", 10, 10);
    admin.topic("refunds", 3);
    admin.commit("billing", new TopicPartition("orders", 0), 4);
    admin.commit("billing", new TopicPartition("refunds", 0), 1);
    admin.commit("audit", new TopicPartition("orders", 1), 10);

    // when the same names come twice, as two targets on one topic would ask
    OffsetSnapshot offsets =
        reader.read(List.of("orders", "refunds", "orders"), List.of("billing", "audit", "billing"));

    // then each record counts once, and a topic's lag holds only its own partitions
    assertThat(offsets.endOffset("orders")).isEqualTo(20);
    assertThat(offsets.endOffsets()).hasSize(3);
    GroupLag orders = offsets.lag("billing", "orders").get();
    assertThat(orders.partitions()).hasSize(2);
    assertThat(orders.lag()).isEqualTo(6 + 10);
    assertThat(offsets.lag("billing", "refunds").get().lag()).isEqualTo(2);
    assertThat(offsets.lag("audit", "orders").get().lag()).isEqualTo(10 + 0);
    assertThat(admin.groupRequests()).as("groups read in one batched request").isEqualTo(1);
  }

  @Test
  void shouldTreatAMissingTopicAsEmptyWithoutCallingItAProblem() throws Exception {
    admin.topic("orders", 2);

    OffsetSnapshot offsets = reader.read(List.of("orders", "not-yet"), List.of("billing"));

    assertThat(offsets.exists("orders")).isTrue();
    assertThat(offsets.exists("not-yet")).isFalse();
    assertThat(offsets.endOffset("not-yet")).isZero();
    assertThat(offsets.lag("billing", "not-yet").get().partitions()).isEmpty();
    assertThat(offsets.problems()).isEmpty();
  }

  @Test
  void shouldLeaveOutAGroupThatCouldNotBeReadAndSayWhy() throws Exception {
    admin.topic("orders", 2);
    admin.commit("billing", new TopicPartition("orders", 0), 1);
    admin.unreadable("audit");

    OffsetSnapshot offsets = reader.read(List.of("orders"), List.of("billing", "audit"));

    assertThat(offsets.committed("audit")).isEmpty();
    assertThat(offsets.lag("audit", "orders")).isEmpty();
    assertThat(offsets.lag("billing", "orders").get().lag()).isEqualTo(1);
    assertThat(offsets.problems()).singleElement().asString().contains("audit", "is away");
  }

  @Test
  void shouldAskNothingWhenGivenNothing() throws Exception {
    OffsetSnapshot offsets = reader.read(List.of(), List.of());

    assertThat(offsets.endOffsets()).isEmpty();
    assertThat(offsets.committed()).isEmpty();
    assertThat(admin.groupRequests()).isZero();
  }
}
