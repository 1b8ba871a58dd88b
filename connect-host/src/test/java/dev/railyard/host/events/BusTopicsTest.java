package dev.railyard.host.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railyard.rules.model.Topology;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.MockAdminClient;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BusTopicsTest {

  private final MockAdminClient admin = MockAdminClient.create().numBrokers(1).build();

  @AfterEach
  void close() {
    admin.close();
  }

  @Test
  void shouldCreateBusesUpToTheBoundAndRefuseTheNextNamingTheSetting() throws Exception {
    BusTopics topics = new BusTopics(admin, 1, true, 2);

    assertThat(topics.ensure("a")).isNull();
    assertThat(topics.ensure("b")).isNull();
    String refused = topics.ensure("c");

    assertThat(refused).contains("bus.max").contains("at most 2");
    assertThat(admin.listTopics().names().get())
        .containsExactlyInAnyOrder("railyard.bus.a", "railyard.bus.b");
    assertThat(topics.ensure("a")).as("a bus that exists stays usable").isNull();
  }

  @Test
  void shouldCreateAMissingBusTopicAndAnswerOnceItsPartitionsHaveLeaders() throws Exception {
    BusTopics topics = new BusTopics(admin, 3, true, 100);

    assertThat(topics.ensure("orders")).isNull();

    var described = admin.describeTopics(Set.of(Topology.busTopic("orders"))).allTopicNames().get();
    assertThat(described.get(Topology.busTopic("orders")).partitions())
        .hasSize(3)
        .allSatisfy(p -> assertThat(p.leader()).isNotNull());
  }

  @Test
  void shouldWaitUntilThePartitionsOfAListedTopicHaveALeader() {
    LeaderlessAtFirst slow = new LeaderlessAtFirst(2);

    assertThat(new BusTopics(slow, 1, true, 100).ensure("orders")).isNull();

    assertThat(slow.asked).isEqualTo(3);
    slow.close();
  }

  @Test
  void shouldRefuseABusTopicWhosePartitionsGetNoLeader() {
    LeaderlessAtFirst never = new LeaderlessAtFirst(Integer.MAX_VALUE);
    BusTopics topics = new BusTopics(never, 1, true, 100, 200);

    assertThatThrownBy(() -> topics.ensure("orders"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("have no leader after 200 ms");
    never.close();
  }

  /**
   * Holds the bus topic another call has just created: listed, but answering its first describes
   * without a leader, as a partition the broker has not applied yet.
   */
  private static final class LeaderlessAtFirst extends MockAdminClient {
    private static final Node BROKER = new Node(0, "localhost", 9092);
    private final int leaderless;
    private int asked;

    LeaderlessAtFirst(int leaderless) {
      super(List.of(BROKER), BROKER);
      this.leaderless = leaderless;
      addTopic(
          false,
          Topology.busTopic("orders"),
          List.of(new TopicPartitionInfo(0, BROKER, List.of(BROKER), List.of(BROKER))),
          Map.of());
    }

    @Override
    public synchronized DescribeTopicsResult describeTopics(
        TopicCollection topics, DescribeTopicsOptions options) {
      if (asked++ >= leaderless) {
        return super.describeTopics(topics, options);
      }
      String name = ((TopicCollection.TopicNameCollection) topics).topicNames().iterator().next();
      TopicDescription none =
          new TopicDescription(
              name, false, List.of(new TopicPartitionInfo(0, null, List.of(), List.of())));
      return new DescribeTopicsResult(null, Map.of(name, KafkaFuture.completedFuture(none))) {};
    }
  }
}
