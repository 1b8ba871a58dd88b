package dev.railyard.rules.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.railyard.rules.model.RetryPolicy;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Target;
import dev.railyard.rules.model.Transform;
import dev.railyard.rules.stats.DeliveryCounters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class RouterSinkTaskTest {

  private static final String PAID =
      "{\"specversion\":\"1.0\",\"id\":\"0042\",\"source\":\"s\",\"type\":\"order.paid\","
          + "\"data\":{\"amount\":150}}";
  private static final String ALL = "{\"source\":[\"s\"]}";
  private static final String SHIPPED =
      "{\"specversion\":\"1.0\",\"id\":\"7\",\"source\":\"s\",\"type\":\"order.shipped\"}";

  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final DeliveryCounters counters = new DeliveryCounters();

  private static Target target(String name) {
    return new Target(
        name, new Target.Inline(Map.of("connector.class", "X")), RetryPolicy.DEFAULT, true);
  }

  private static Rule rule(String name, String bus, String pattern, Target... targets) {
    return new Rule(name, bus, true, pattern, new Transform.WholeEvent(), List.of(targets));
  }

  private static Map<String, Rule> rules(Rule... rules) {
    Map<String, Rule> map = new LinkedHashMap<>();
    for (Rule r : rules) {
      map.put(r.name(), r);
    }
    return map;
  }

  private static SinkRecord event(String json) {
    return new SinkRecord(
        "railyard.bus.shop",
        0,
        null,
        "k".getBytes(StandardCharsets.UTF_8),
        null,
        json.getBytes(StandardCharsets.UTF_8),
        1);
  }

  private static SinkRecord event(String json, int partition, long offset) {
    return new SinkRecord(
        "railyard.bus.shop",
        partition,
        null,
        "k".getBytes(StandardCharsets.UTF_8),
        null,
        json.getBytes(StandardCharsets.UTF_8),
        offset);
  }

  private static org.apache.kafka.common.TopicPartition tp(int partition) {
    return new org.apache.kafka.common.TopicPartition("railyard.bus.shop", partition);
  }

  private static String header(ProducerRecord<byte[], byte[]> record, String key) {
    Header h = record.headers().lastHeader(key);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

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

    // then the paid one went to both targets, key kept, with rule, target and event id headers
    assertThat(producer.history())
        .extracting(ProducerRecord::topic)
        .containsExactly("railyard.to.paid.billing", "railyard.to.paid.audit");
    ProducerRecord<byte[], byte[]> first = producer.history().get(0);
    assertThat(new String(first.key(), StandardCharsets.UTF_8)).isEqualTo("k");
    assertThat(new String(first.value(), StandardCharsets.UTF_8)).isEqualTo(PAID);
    assertThat(header(first, "railyard.rule")).isEqualTo("paid");
    assertThat(header(first, "railyard.target")).isEqualTo("billing");
    assertThat(header(first, "railyard.event.id")).isEqualTo("0042");
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
  void shouldFailTheFlushRetriablyWhenARoutedEventIsNotWritten() {
    // given a producer whose writes fail, and an event put (put does not wait for the write)
    MockProducer<byte[], byte[]> failing = manualProducer();
    RouterSinkTask task = routingAll(failing);
    task.put(List.of(event(SHIPPED)));
    assertThat(failing.history()).hasSize(1);

    // when Connect flushes before committing the offsets and the write fails
    CompletableFuture<Void> flush = CompletableFuture.runAsync(() -> task.flush(Map.of()));
    await("the flush waiting for the write")
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                failing.errorNext(
                    new org.apache.kafka.common.errors.TimeoutException("broker gone")));

    // then the flush fails retriably: Connect commits nothing and hands the events over again
    assertThat(flush)
        .failsWithin(Duration.ofSeconds(10))
        .withThrowableOfType(ExecutionException.class)
        .havingCause()
        .isInstanceOf(RetriableException.class)
        .withMessageContaining("a routed event was not written");
    // and no later flush lets a commit pass until the task has gone back
    assertThatThrownBy(() -> task.flush(Map.of())).isInstanceOf(RetriableException.class);
  }

  @Test
  void shouldGoBackToTheFirstEventSinceTheLastCleanFlushAfterAFailedWrite() {
    // given events of two partitions routed and flushed, then more, one of whose writes fails
    MockProducer<byte[], byte[]> failing = manualProducer();
    RouterSinkTask task = routingAll(failing);
    CommitRequests context = new CommitRequests();
    task.initialize(context);
    task.put(List.of(event(SHIPPED, 0, 10), event(SHIPPED, 1, 20)));
    failing.completeNext();
    failing.completeNext();
    task.flush(Map.of());
    task.put(List.of(event(SHIPPED, 0, 11), event(SHIPPED, 0, 12), event(SHIPPED, 1, 21)));
    failing.completeNext();
    failing.errorNext(new org.apache.kafka.common.errors.TimeoutException("broker gone"));
    failing.completeNext();

    // when the next batch comes
    task.put(List.of(event(PAID, 0, 13), event(PAID, 2, 5)));

    // then it is not routed, and Connect is asked to seek each partition back to its first event
    // since the clean flush (this batch's own for a partition new since)
    assertThat(failing.history()).hasSize(5);
    assertThat(context.offsets)
        .containsExactlyInAnyOrderEntriesOf(Map.of(tp(0), 11L, tp(1), 21L, tp(2), 5L));
    // and no commit passes until Connect has sought there
    assertThatThrownBy(() -> task.flush(Map.of())).isInstanceOf(RetriableException.class);

    // when Connect hands the events over again from there, they are routed and may be committed
    task.put(List.of(event(SHIPPED, 0, 11)));
    failing.completeNext();
    assertThat(failing.history()).hasSize(6);
    task.flush(Map.of());
  }

  @Test
  void shouldGoBackOnlyOnPartitionsItKeepsWhenAFlushBeforeARevocationFailed() {
    // given a write of partition 0 and one of partition 1 that failed
    MockProducer<byte[], byte[]> failing = manualProducer();
    RouterSinkTask task = routingAll(failing);
    CommitRequests context = new CommitRequests();
    task.initialize(context);
    task.put(List.of(event(SHIPPED, 0, 7), event(SHIPPED, 1, 3)));
    failing.completeNext();
    failing.errorNext(new org.apache.kafka.common.errors.TimeoutException("broker gone"));

    // when Connect flushes before revoking partition 1 (a failed commit there is only logged, and
    // Connect does not rewind), then closes it and hands over the next batch of partition 0
    assertThatThrownBy(() -> task.flush(Map.of())).isInstanceOf(RetriableException.class);
    task.close(List.of(tp(1)));
    task.put(List.of(event(PAID, 0, 8)));

    // then the task itself goes back on partition 0, which it kept; partition 1's next owner
    // starts at the committed offset
    assertThat(context.offsets).containsExactlyEntriesOf(Map.of(tp(0), 7L));
    assertThat(failing.history()).hasSize(2);
  }

  @Test
  void shouldFailWhenAWriteFailedInAWayRetryingCannotMend() {
    // given a write the broker refused for good
    MockProducer<byte[], byte[]> failing = manualProducer();
    RouterSinkTask task = routingAll(failing);
    task.put(List.of(event(SHIPPED)));
    failing.errorNext(new org.apache.kafka.common.errors.ProducerFencedException("fenced"));

    // then the flush and the next put fail the task, instead of routing again forever
    assertThatThrownBy(() -> task.flush(Map.of()))
        .isInstanceOf(ConnectException.class)
        .isNotInstanceOf(RetriableException.class)
        .hasMessageContaining("needs a restart");
    assertThatThrownBy(() -> task.put(List.of(event(PAID))))
        .isInstanceOf(ConnectException.class)
        .isNotInstanceOf(RetriableException.class);
  }

  @Test
  void shouldWriteNoIdHeaderForAnEventWithoutATextId() {
    // given a rule matching every event
    RouterSinkTask task = task(rules(rule("all", "shop", ALL, target("t"))));

    // when an event without an id and one with a numeric id are routed
    task.put(
        List.of(event("{\"source\":\"s\",\"type\":\"x\"}"), event("{\"id\":7,\"source\":\"s\"}")));

    // then both carry the rule and the target, and neither an id
    assertThat(producer.history()).hasSize(2);
    for (ProducerRecord<byte[], byte[]> r : producer.history()) {
      assertThat(header(r, "railyard.rule")).isEqualTo("all");
      assertThat(header(r, "railyard.target")).isEqualTo("t");
      assertThat(r.headers().lastHeader("railyard.event.id")).isNull();
    }
  }

  @Test
  void shouldNotCommitPastWritesNotYetInKafka() {
    // given a write Kafka has not acknowledged yet
    MockProducer<byte[], byte[]> slow = manualProducer();
    RouterSinkTask task = routingAll(slow);
    task.put(List.of(event(SHIPPED)));

    // then the flush before the commit waits for it
    CompletableFuture<Void> flush = CompletableFuture.runAsync(() -> task.flush(Map.of()));
    assertThat(flush).isNotDone();
    await("the write acknowledged").atMost(Duration.ofSeconds(10)).until(slow::completeNext);
    assertThat(flush).succeedsWithin(Duration.ofSeconds(10));
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

  /** A producer whose writes wait until the test completes or fails them. */
  private static MockProducer<byte[], byte[]> manualProducer() {
    return new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** A task of bus shop routing every event to target t through {@code producer}. */
  private RouterSinkTask routingAll(MockProducer<byte[], byte[]> producer) {
    return new RouterSinkTask(
        "shop", producer, counters, rules(rule("all", "shop", ALL, target("t"))), Optional::empty);
  }

  /** A task of bus shop on the test's producer, following its rules without a topic. */
  private RouterSinkTask task(Map<String, Rule> rules) {
    return new RouterSinkTask("shop", producer, counters, rules, Optional::empty);
  }

  /** A task context that keeps the commits and seeks the task asks for. */
  private static final class CommitRequests
      implements org.apache.kafka.connect.sink.SinkTaskContext {
    int requested;
    final Map<org.apache.kafka.common.TopicPartition, Long> offsets = new LinkedHashMap<>();

    @Override
    public Map<String, String> configs() {
      return Map.of();
    }

    @Override
    public void offset(Map<org.apache.kafka.common.TopicPartition, Long> offsets) {
      this.offsets.putAll(offsets);
    }

    @Override
    public void offset(org.apache.kafka.common.TopicPartition tp, long offset) {
      offsets.put(tp, offset);
    }

    @Override
    public void timeout(long timeoutMs) {}

    @Override
    public java.util.Set<org.apache.kafka.common.TopicPartition> assignment() {
      return java.util.Set.of();
    }

    @Override
    public void pause(org.apache.kafka.common.TopicPartition... partitions) {}

    @Override
    public void resume(org.apache.kafka.common.TopicPartition... partitions) {}

    @Override
    public void requestCommit() {
      requested++;
    }

    @Override
    public org.apache.kafka.connect.sink.ErrantRecordReporter errantRecordReporter() {
      return null;
    }

    @Override
    public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
      return null;
    }
  }
}
