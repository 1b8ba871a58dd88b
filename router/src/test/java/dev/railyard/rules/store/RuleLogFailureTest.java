package dev.railyard.rules.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.railyard.rules.model.Rule;
import dev.railyard.rules.yaml.RuleFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RuleLogFailureTest {

  private static final String TOPIC = "railyard.rules";
  private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
  private static final Duration STOP = Duration.ofSeconds(10);

  private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
  private RuleLog log;

  @AfterEach
  void close() {
    if (log != null) {
      log.close();
    }
  }

  @Test
  void shouldKeepWhyItStoppedWhenTheConsumerFails() {
    // given a follower that has caught up
    log = started(rules -> {});
    assertThat(log.failure()).isEmpty();

    // when the consumer fails
    consumer.setPollException(new KafkaException("the broker went away"));

    // then the follower says why it stopped
    await("the follower to report its failure").atMost(STOP).until(() -> log.failure().isPresent());
    assertThat(log.failure().get()).hasMessage("the broker went away");
  }

  @Test
  void shouldKeepWhyItStoppedWhenTheListenerFails() throws IOException {
    // given a follower whose listener fails on the first change after catching up
    AtomicInteger calls = new AtomicInteger();
    log =
        started(
            rules -> {
              if (calls.incrementAndGet() > 1) {
                throw new IllegalStateException("the routing table could not be swapped");
              }
            });

    // when a rule arrives
    Rule rule = someRule();
    consumer.schedulePollTask(
        () ->
            consumer.addRecord(
                new ConsumerRecord<>(TOPIC, 0, 0, rule.name(), RuleRecords.write(rule))));

    // then
    await("the follower to report its listener's failure")
        .atMost(STOP)
        .until(() -> log.failure().isPresent());
    assertThat(log.failure().get()).hasMessageContaining("could not be swapped");
  }

  @Test
  void shouldReportNoFailureWhileFollowingNorOnceClosed() {
    log = started(rules -> {});

    assertThat(log.failure()).isEmpty();
    assertThat(log.sinceLastPoll()).isLessThan(STOP);

    log.close();
    assertThat(log.failure()).isEmpty();
  }

  private RuleLog started(Consumer<Map<String, Rule>> listener) {
    consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null)));
    consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
    consumer.updateEndOffsets(Map.of(PARTITION, 0L));
    RuleLog started = new RuleLog(consumer, TOPIC, listener);
    started.start(STOP);
    return started;
  }

  private static Rule someRule() throws IOException {
    String yaml =
        Files.readString(
            Path.of(
                "../routing-rules/src/test/resources/dev/railyard/rules/yaml/every-feature.yaml"),
            StandardCharsets.UTF_8);
    return RuleFiles.load("every-feature.yaml", yaml).rulesOrThrow().get(0);
  }
}
