package dev.railyard.rules.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.railyard.rules.model.RetryPolicy;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Target;
import dev.railyard.rules.model.Transform;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RuleLogTest {

  private static final String TOPIC = "railyard.rules";
  private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
  private final BlockingQueue<Map<String, Rule>> heard = new LinkedBlockingQueue<>();
  private final RuleLog log = new RuleLog(consumer, TOPIC, heard::add);
  private long next;

  @AfterEach
  void close() {
    log.close();
  }

  private static Rule rule(String name, String bus) {
    return new Rule(
        name,
        bus,
        true,
        "{\"source\":[\"s\"]}",
        new Transform.WholeEvent(),
        List.of(
            new Target(
                "t",
                new Target.Inline(Map.of("connector.class", "X")),
                RetryPolicy.DEFAULT,
                true)));
  }

  /** A topic that holds {@code records} records when the log starts. */
  private void topicWith(int records) {
    consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null)));
    consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
    consumer.updateEndOffsets(Map.of(PARTITION, (long) records));
  }

  private void write(String key, String value) {
    consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, next++, key, value));
  }

  @Test
  void shouldHoldEveryRuleOfTheTopicWhenStartReturns() {
    // given a topic with two rules, one written twice
    topicWith(3);
    consumer.schedulePollTask(
        () -> {
          write("a", RuleRecords.write(rule("a", "shop")));
          write("b", RuleRecords.write(rule("b", "shop")));
          write("a", RuleRecords.write(rule("a", "billing")));
        });

    // when the log starts
    log.start(WAIT);

    // then it holds the latest of each
    assertThat(log.rules()).containsOnlyKeys("a", "b");
    assertThat(log.rules().get("a").bus()).isEqualTo("billing");
  }

  @Test
  void shouldFollowNewRulesAndDeletionsAfterStart() throws Exception {
    // given a started log over an empty topic
    topicWith(0);
    log.start(WAIT);

    // when a rule is written, then deleted
    write("a", RuleRecords.write(rule("a", "shop")));
    assertThat(log.await(r -> r.containsKey("a"), WAIT)).as("rule a read").isTrue();
    write("a", null);

    // then the deletion is read, and the listener heard both complete maps
    assertThat(log.await(Map::isEmpty, WAIT)).as("rule a deleted").isTrue();
    assertThat(heard(r -> r.containsKey("a"))).as("the listener heard the write").isTrue();
    assertThat(heard(Map::isEmpty)).as("the listener heard the deletion").isTrue();
  }

  /** Whether the listener is handed a map that satisfies {@code condition} within the wait. */
  private boolean heard(java.util.function.Predicate<Map<String, Rule>> condition)
      throws InterruptedException {
    Map<String, Rule> next;
    do {
      next = heard.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } while (next != null && !condition.test(next));
    return next != null;
  }

  @Test
  void shouldSkipARecordThatIsNotAValidRule() {
    // given a topic holding a broken record and a valid one
    topicWith(2);
    consumer.schedulePollTask(
        () -> {
          write("broken", "{\"apiVersion\": \"railyard/v1\"}");
          write("b", RuleRecords.write(rule("b", "shop")));
        });

    // when the log starts
    log.start(WAIT);

    // then only the valid rule is held
    assertThat(log.rules()).containsOnlyKeys("b");
  }

  @Test
  void shouldRefuseToStartWhenTheTopicDoesNotExist() {
    consumer.updatePartitions(TOPIC, List.of());

    assertThatThrownBy(() -> log.start(WAIT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("topic railyard.rules does not exist");
  }

  @Test
  void shouldSayWhenTheRulesAreNotReadInTime() {
    // given a topic that says it holds a record that never arrives
    topicWith(1);

    assertThatThrownBy(() -> log.start(Duration.ofMillis(300)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("were not read within");
  }

  @Test
  void shouldKeepWhyItStoppedWhenTheConsumerFails() {
    // given a follower that has caught up
    topicWith(0);
    log.start(WAIT);
    assertThat(log.failure()).isEmpty();
    assertThat(log.sinceLastPoll()).isLessThan(WAIT);

    // when the consumer fails
    consumer.setPollException(new KafkaException("the broker went away"));

    // then the follower says why it stopped
    await("the follower to report its failure").atMost(WAIT).until(() -> log.failure().isPresent());
    assertThat(log.failure().get()).hasMessage("the broker went away");
  }

  @Test
  void shouldKeepWhyItStoppedWhenTheListenerFails() {
    // given a follower whose listener fails on the first change after catching up
    AtomicInteger calls = new AtomicInteger();
    topicWith(0);
    try (RuleLog failing =
        new RuleLog(
            consumer,
            TOPIC,
            rules -> {
              if (calls.incrementAndGet() > 1) {
                throw new IllegalStateException("the routing table could not be swapped");
              }
            })) {
      failing.start(WAIT);

      // when a rule arrives
      consumer.schedulePollTask(() -> write("a", RuleRecords.write(rule("a", "shop"))));

      // then the follower says why it stopped
      await("the follower to report its listener's failure")
          .atMost(WAIT)
          .until(() -> failing.failure().isPresent());
      assertThat(failing.failure().get()).hasMessageContaining("could not be swapped");
    }
  }

  @Test
  void shouldReportNoFailureOnceClosedEvenIfItHadFailed() {
    // given a follower that failed
    topicWith(0);
    log.start(WAIT);
    consumer.setPollException(new KafkaException("the broker went away"));
    await("the follower to report its failure").atMost(WAIT).until(() -> log.failure().isPresent());

    // when it is closed, as its owner stops, then that is not a failure to report
    log.close();
    assertThat(log.failure()).isEmpty();
  }
}
