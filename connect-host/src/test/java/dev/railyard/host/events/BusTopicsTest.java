package dev.railyard.host.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.admin.MockAdminClient;
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
}
