package dev.railyard.sources.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The task survives whatever comes and whatever Connect does to it: random bytes, bytes that are
 * not UTF-8, and a restart on the same port (what a worker does after a task failed or was moved).
 */
class SyslogRobustnessTest {

  @Test
  void shouldSurviveRandomBytesAndStillTakeGoodMessages() throws Exception {
    // given a task that drops what it cannot parse
    try (RunningTask running = RunningTask.start(Map.of("syslog.malformed", "drop"))) {
      // when 100 datagrams and 10 connections of random bytes come, then a good message each way
      Random random = new Random(15);
      for (int i = 0; i < 100; i++) {
        byte[] garbage = new byte[random.nextInt(600)];
        random.nextBytes(garbage);
        Senders.udp(running.port, garbage);
      }
      for (int i = 0; i < 10; i++) {
        byte[] garbage = new byte[random.nextInt(3000)];
        random.nextBytes(garbage);
        Senders.tcp(running.port, new String(garbage, StandardCharsets.ISO_8859_1));
      }
      await("the connections of random bytes read")
          .atMost(Duration.ofSeconds(20))
          .until(() -> running.metrics().getOpenConnections() == 0);
      Senders.udp(running.port, "<13>1 - h a - - - good udp");
      Senders.tcp(running.port, "<13>1 - h a - - - good tcp\n");

      // then the good ones are there, with whatever of the garbage could be read as RFC 3164
      List<JsonNode> events = awaitMessages(running, "good udp", "good tcp");
      assertThat(events).isNotEmpty();
      assertThat(running.metrics().getReceived()).isGreaterThanOrEqualTo(102);
    }
  }

  @Test
  void shouldReadBytesThatAreNotUtf8AsReplacementCharacters() throws Exception {
    // given a task
    try (RunningTask running = RunningTask.start(Map.of())) {
      // when a message holds a Latin-1 byte
      byte[] latin1 = "<13>1 - h a - - - caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
      Senders.udp(running.port, latin1);

      // then it is taken, the byte replaced
      assertThat(running.awaitEvents(1).get(0).at("/data/message").asText()).isEqualTo("caf\uFFFD");
    }
  }

  @Test
  void shouldListenAgainOnTheSamePortOnceRestarted() throws Exception {
    // given a task that had an open TCP connection when it was stopped
    RunningTask first = RunningTask.start(Map.of());
    Senders.tcp(first.port, "<13>1 - h a - - - before\n");
    first.awaitRecords(1);
    first.close();

    // when a new task starts on the same port, as Connect restarts one
    try (RunningTask second = RunningTask.startOn(first.port, Map.of())) {
      Senders.udp(second.port, "<13>1 - h a - - - after udp");
      Senders.tcp(second.port, "<13>1 - h a - - - after tcp\n");

      // then it takes messages over both
      assertThat(second.awaitEvents(2))
          .extracting(e -> e.at("/data/message").asText())
          .containsExactlyInAnyOrder("after udp", "after tcp");
    }
  }

  /** Polls until events with each message came; all the events polled. */
  private static List<JsonNode> awaitMessages(RunningTask running, String... messages) {
    AtomicReference<List<JsonNode>> seen = new AtomicReference<>(List.of());
    await("events " + List.of(messages))
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(1))
        .until(
            () -> {
              seen.set(running.eventsSoFar());
              return seen.get().stream()
                  .map(e -> e.at("/data/message").asText())
                  .toList()
                  .containsAll(List.of(messages));
            });
    return seen.get();
  }
}
