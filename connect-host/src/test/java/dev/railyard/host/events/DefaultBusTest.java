package dev.railyard.host.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.api.platform.EventPublisher;
import dev.railyard.rules.cloudevents.EventEntries;
import org.junit.jupiter.api.Test;

class DefaultBusTest {

  @Test
  void shouldCheckBusScopedTokensAgainstTheBusThePublisherReallyUses() {
    assertThat(EventPublisher.DEFAULT_BUS).isEqualTo(EventEntries.DEFAULT_BUS);
  }
}
