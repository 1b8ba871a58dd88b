package dev.railyard.host.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.api.platform.BusScope;
import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.answers.BusView;
import dev.railyard.rules.model.Topology;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.MockAdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BusServiceTest {

  private final MockAdminClient admin = MockAdminClient.create().numBrokers(1).build();
  private final Map<String, List<String>> rules = new HashMap<>();
  // bus.auto.create off: an explicit create must still make the bus
  private final BusTopics topics = new BusTopics(admin, 3, false, 3);
  private final BusService buses = new BusService(admin, topics, () -> rules);

  @AfterEach
  void close() {
    admin.close();
  }

  private static <T> Outcome<T> done(java.util.concurrent.CompletionStage<Outcome<T>> stage) {
    return stage.toCompletableFuture().join();
  }

  @Test
  void shouldCreateABusWithAutoCreateOffAndFindItTheSecondTime() throws Exception {
    Outcome<BusView> created = done(buses.create(BusScope.ALL, "orders"));
    Outcome<BusView> again = done(buses.create(BusScope.ALL, "orders"));

    assertThat(created).isInstanceOf(Outcome.Created.class);
    assertThat(created.body())
        .isEqualTo(new BusView("orders", "railyard.bus.orders", 3, List.of()));
    assertThat(again).isInstanceOf(Outcome.Ok.class);
    assertThat(topics.ensure("orders")).as("PutEvents may use it now").isNull();
  }

  @Test
  void shouldRefuseABadNameOrABusBeyondTheBoundAndCreateNothing() throws Exception {
    Outcome<BusView> bad = done(buses.create(BusScope.ALL, "no spaces"));
    done(buses.create(BusScope.ALL, "a"));
    done(buses.create(BusScope.ALL, "b"));
    done(buses.create(BusScope.ALL, "c"));
    Outcome<BusView> fourth = done(buses.create(BusScope.ALL, "d"));

    assertThat(bad).isInstanceOf(Outcome.Refused.class);
    assertThat(((Outcome.Refused<?>) bad).kind()).isEqualTo(Outcome.Kind.INVALID);
    assertThat(((Outcome.Refused<?>) fourth).message()).contains("bus.max").contains("at most 3");
    assertThat(admin.listTopics().names().get())
        .containsExactlyInAnyOrder("railyard.bus.a", "railyard.bus.b", "railyard.bus.c");
  }

  @Test
  void shouldListTheBusesInScopeWithTheirRules() throws Exception {
    admin
        .createTopics(
            List.of(
                new NewTopic("railyard.bus.orders", 2, (short) 1),
                new NewTopic("railyard.bus.billing", 1, (short) 1),
                new NewTopic("railyard.rules", 1, (short) 1)))
        .all()
        .get();
    rules.put("orders", List.of("paid", "refunded"));

    List<BusView> all = done(buses.list(BusScope.ALL)).body().items();
    List<BusView> limited = done(buses.list(new BusScope(Set.of("billing")))).body().items();

    assertThat(all)
        .containsExactly(
            new BusView("billing", "railyard.bus.billing", 1, List.of()),
            new BusView("orders", "railyard.bus.orders", 2, List.of("paid", "refunded")));
    assertThat(limited).extracting(BusView::name).containsExactly("billing");
    assertThat(done(buses.get(new BusScope(Set.of("billing")), "orders")))
        .isInstanceOf(Outcome.Refused.class);
  }

  @Test
  void shouldDeleteAnUnusedBusWithItsDeadLettersAndRefuseOneThatRulesRead() throws Exception {
    done(buses.create(BusScope.ALL, "old"));
    done(buses.create(BusScope.ALL, "used"));
    admin
        .createTopics(List.of(new NewTopic(Topology.busDeadLetterTopic("old"), 1, (short) 1)))
        .all()
        .get();
    rules.put("used", List.of("keeper"));

    Outcome<?> deleted = done(buses.delete(BusScope.ALL, "old"));
    Outcome<?> refused = done(buses.delete(BusScope.ALL, "used"));

    assertThat(deleted).isInstanceOf(Outcome.Ok.class);
    assertThat(((Outcome.Refused<?>) refused).kind()).isEqualTo(Outcome.Kind.CONFLICT);
    assertThat(((Outcome.Refused<?>) refused).message()).contains("keeper");
    assertThat(admin.listTopics().names().get()).containsExactly("railyard.bus.used");
    assertThat(done(buses.delete(BusScope.ALL, "old"))).isInstanceOf(Outcome.Refused.class);
  }
}
