package dev.railyard.rules.connect;

import static dev.railyard.rules.connect.RouterTasks.ALL;
import static dev.railyard.rules.connect.RouterTasks.PAID;
import static dev.railyard.rules.connect.RouterTasks.SHIPPED;
import static dev.railyard.rules.connect.RouterTasks.event;
import static dev.railyard.rules.connect.RouterTasks.header;
import static dev.railyard.rules.connect.RouterTasks.rule;
import static dev.railyard.rules.connect.RouterTasks.rules;
import static dev.railyard.rules.connect.RouterTasks.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Transform;
import dev.railyard.rules.stats.DeliveryCounters;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class RouterSinkTaskTest {

  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final DeliveryCounters counters = new DeliveryCounters();

  @Test
  void shouldWriteAMatchedEventToTheDeliveryTopicOfEachTargetOfTheRule() {
    // given a rule with two targets for paid orders
    RouterSinkTask task =
        task(
            rules(
                rule(
                    "paid",
                    "shop",
                    "{\"type\":[\"order.paid\"]}",
                    target("billing"),
                    target("audit"))));

    // when a paid and a shipped order arrive
    task.put(List.of(event(PAID), event(SHIPPED)));

    // then the paid one went to both targets, key kept, with the event id header; the topic names
    // the rule and target, so no header does
    assertThat(producer.history())
        .extracting(ProducerRecord::topic)
        .containsExactly("railyard.to.paid.billing", "railyard.to.paid.audit");
    ProducerRecord<byte[], byte[]> first = producer.history().get(0);
    assertThat(new String(first.key(), StandardCharsets.UTF_8)).isEqualTo("k");
    assertThat(new String(first.value(), StandardCharsets.UTF_8)).isEqualTo(PAID);
    assertThat(header(first, "railyard.event.id")).isEqualTo("0042");
    assertThat(first.headers().lastHeader("railyard.rule")).isNull();
    assertThat(first.headers().lastHeader("railyard.target")).isNull();
    assertThat(counters.snapshot().matched("paid")).isEqualTo(1);
  }

  @Test
  void shouldIgnoreTheRulesOfOtherBusesAndDisabledRules() {
    // given a rule of another bus and a disabled rule of this one, both matching everything
    Rule other = rule("elsewhere", "billing", ALL, target("t"));
    Rule off =
        new Rule("off", "shop", false, ALL, new Transform.WholeEvent(), List.of(target("t")));
    RouterSinkTask task = task(rules(other, off));

    // when an event arrives
    task.put(List.of(event(PAID)));

    // then nothing is written
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void shouldPutAnEventItCannotMatchInTheBusesDeadLettersAndGoOn() {
    // given a rule that reads into the events' data
    RouterSinkTask task = task(rules(rule("deep", "shop", "{\"data\":{\"a\":[1]}}", target("t"))));
    String deep =
        "{\"specversion\":\"1.0\",\"id\":\"deep\",\"source\":\"s\",\"type\":\"t\",\"data\":{\"a\":"
            + "[".repeat(20_000)
            + "]".repeat(20_000)
            + "}}";
    String normal =
        "{\"specversion\":\"1.0\",\"id\":\"n\",\"source\":\"s\",\"type\":\"t\",\"data\":{\"a\":1}}";

    // when an event nested too deeply to match arrives before a normal one
    task.put(List.of(event(deep), event(normal)));

    // then the deep one waits in the bus's dead letters, and the normal one is routed
    assertThat(producer.history())
        .extracting(ProducerRecord::topic)
        .containsExactly("railyard.dlq.bus.shop", "railyard.to.deep.t");
    assertThat(header(producer.history().get(0), "railyard.error.stage")).isEqualTo("transform");
  }

  @Test
  void shouldWriteNoIdHeaderForAnEventWithoutATextId() {
    // given a rule matching every event
    RouterSinkTask task = task(rules(rule("all", "shop", ALL, target("t"))));

    // when an event without an id and one with a numeric id are routed
    task.put(
        List.of(event("{\"source\":\"s\",\"type\":\"x\"}"), event("{\"id\":7,\"source\":\"s\"}")));

    // then both are routed, and neither carries an id header
    assertThat(producer.history()).hasSize(2);
    for (ProducerRecord<byte[], byte[]> r : producer.history()) {
      assertThat(r.topic()).isEqualTo("railyard.to.all.t");
      assertThat(r.headers().lastHeader("railyard.event.id")).isNull();
    }
  }

  @Test
  void shouldFailOnceItNoLongerFollowsTheRulesTopicInsteadOfRoutingOnOldRules() {
    // given a router whose rules follower stopped
    RouterSinkTask task =
        new RouterSinkTask(
            "shop",
            producer,
            counters,
            rules(rule("all", "shop", ALL, target("t"))),
            () -> Optional.of(new IllegalStateException("rules topic deleted")));

    // when a batch arrives, then the task fails and says why, routing nothing
    assertThatThrownBy(() -> task.put(List.of(event(SHIPPED))))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("stopped following the rules topic")
        .hasMessageContaining("rules topic deleted");
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void shouldRefuseValuesThatAreNotBytesOrText() {
    RouterSinkTask task = task(rules(rule("all", "shop", ALL, target("t"))));
    SinkRecord structured = new SinkRecord("railyard.bus.shop", 0, null, null, null, 42, 1);

    assertThatThrownBy(() -> task.put(List.of(structured)))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("ByteArrayConverter");
  }

  @Test
  void shouldKeepRoutingWithTheNewRulesAfterAChange() {
    // given a task routing paid orders
    RouterSinkTask task =
        task(rules(rule("paid", "shop", "{\"type\":[\"order.paid\"]}", target("billing"))));

    // when the rules change to shipped orders
    task.rulesChanged(
        rules(rule("shipped", "shop", "{\"type\":[\"order.shipped\"]}", target("post"))));
    task.put(List.of(event(PAID), event(SHIPPED)));

    // then only the new rule routes
    assertThat(producer.history())
        .extracting(ProducerRecord::topic)
        .containsExactly("railyard.to.shipped.post");
  }

  /** A task of bus shop on the test's producer, following its rules without a topic. */
  private RouterSinkTask task(Map<String, Rule> rules) {
    return new RouterSinkTask("shop", producer, counters, rules, Optional::empty);
  }
}
