package dev.railyard.rules.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopologyTest {

  @Test
  void shouldNameTheTopicsOfABus() {
    assertThat(Topology.busTopic("orders")).isEqualTo("railyard.bus.orders");
    assertThat(Topology.busDeadLetterTopic("orders")).isEqualTo("railyard.dlq.bus.orders");
    assertThat(Topology.routerConnectorName("orders")).isEqualTo("railyard.router.orders");
  }

  @Test
  void shouldNameTheTopicsConnectorAndGroupsOfATarget() {
    assertThat(Topology.deliveryTopic("paid", "billing")).isEqualTo("railyard.to.paid.billing");
    assertThat(Topology.targetConnectorName("paid", "billing"))
        .isEqualTo("railyard.to.paid.billing");
    assertThat(Topology.deadLetterTopic("paid", "billing")).isEqualTo("railyard.dlq.paid.billing");
    assertThat(Topology.retryTopic("paid", "billing"))
        .isEqualTo("railyard.retry.paid.billing")
        .startsWith(Topology.RETRY_TOPIC_PREFIX);
    assertThat(Topology.targetGroup("paid", "billing"))
        .isEqualTo("connect-railyard.to.paid.billing");
    assertThat(Topology.retryGroup("paid", "billing")).isEqualTo("railyard-retry.paid.billing");
    assertThat(Topology.redriveGroup("paid", "billing")).isEqualTo("railyard.redrive.paid.billing");
  }

  @Test
  void shouldKeepTheRetryTopicsOfDifferentTargetsApart() {
    assertThat(Topology.retryTopic("a", "b-c")).isNotEqualTo(Topology.retryTopic("a-b", "c"));
  }

  @Test
  void shouldKeepTheNamesOfTheSharedTopicsAndHeaders() {
    assertThat(Topology.RULES_TOPIC).isEqualTo("railyard.rules");
    assertThat(Topology.STATS_TOPIC).isEqualTo("railyard.stats");
    assertThat(Topology.RULE_HEADER).isEqualTo("railyard.rule");
    assertThat(Topology.TARGET_HEADER).isEqualTo("railyard.target");
    assertThat(Topology.EVENT_ID_HEADER).isEqualTo("railyard.event.id");
    assertThat(Topology.REPLAY_HEADER).isEqualTo("railyard.replay");
    assertThat(Topology.REDRIVEN_HEADER).isEqualTo("railyard.redriven");
    assertThat(Topology.ERROR_HEADER_PREFIX).isEqualTo("railyard.error.");
    assertThat(Topology.ATTEMPTS_HEADER).isEqualTo("railyard.attempts");
    assertThat(Topology.FIRST_FAILURE_HEADER).isEqualTo("railyard.first.failure");
    assertThat(Topology.LAST_FAILURE_HEADER).isEqualTo("railyard.last.failure");
    assertThat(Topology.PARK_HEADER_PREFIX).isEqualTo("railyard.park.");
  }
}
