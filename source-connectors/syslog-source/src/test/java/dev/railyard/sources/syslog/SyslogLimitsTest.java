package dev.railyard.sources.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * What the task does with messages it cannot take as they are: malformed, oversized, too many
 * connections, idle ones, a full queue. None of it stops the task, and each is counted.
 */
class SyslogLimitsTest {

  @Test
  void shouldWriteAMalformedMessageRawAndGoOn() throws Exception {
    // given a task writing malformed messages raw (the default)
    try (RunningTask running = RunningTask.start(Map.of())) {
      // when a datagram with a bad PRI, then a good one, come
      Senders.udp(running.port, "<999>1 - - - - - - broken");
      Senders.udp(running.port, "<13>1 - h app - - - fine");

      // then the first is an event flagged malformed with its text and the reason, the second
      // as usual, and the malformed one is counted
      List<JsonNode> events = running.awaitEvents(2);
      assertThat(events.get(0).path("malformed").asBoolean()).isTrue();
      assertThat(events.get(0).at("/data/raw").asText()).isEqualTo("<999>1 - - - - - - broken");
      assertThat(events.get(0).at("/data/error").asText()).startsWith("PRI");
      assertThat(events.get(1).at("/data/message").asText()).isEqualTo("fine");
      assertThat(running.metrics().getMalformed()).isEqualTo(1);
    }
  }

  @Test
  void shouldDropMalformedMessagesWhenToldToAndCountThem() throws Exception {
    // given a task reading RFC 5424 only, dropping what is malformed
    try (RunningTask running =
        RunningTask.start(Map.of("syslog.format", "rfc5424", "syslog.malformed", "drop"))) {
      // when a BSD line, an empty datagram, a truncated SD over TCP, then a good message come
      Senders.udp(running.port, "<13>Mar  1 11:00:00 h a: bsd");
      Senders.udp(running.port, new byte[0]);
      Senders.tcp(running.port, "<13>1 - h a - - [x@1 k=\"v\n");
      await("three messages received")
          .atMost(Duration.ofSeconds(10))
          .until(() -> running.metrics().getReceived() >= 3);
      Senders.udp(running.port, "<13>1 - h a - - - fine");

      // then only the good one is written; the three are counted malformed
      List<JsonNode> events = running.awaitEvents(1);
      assertThat(events.get(0).at("/data/message").asText()).isEqualTo("fine");
      assertThat(running.metrics().getMalformed()).isEqualTo(3);
    }
  }

  @Test
  void shouldTruncateOversizedMessagesAndMarkThem() throws Exception {
    // given a task taking at most 480 bytes
    try (RunningTask running = RunningTask.start(Map.of("syslog.max.message.bytes", "480"))) {
      // when a 1000-byte message comes by UDP, by TCP with LF and by octet-counting, each
      // followed on TCP by a small one
      String big = "<13>1 - h a - - - " + "x".repeat(1000 - 18);
      Senders.udp(running.port, big);
      Senders.tcp(running.port, big + "\n<13>1 - h a - - - after lf\n");
      Senders.tcp(
          running.port, Senders.counted(big) + Senders.counted("<13>1 - h a - - - after count"));

      // then each big one is cut to 480 bytes and marked, and the small ones are whole
      List<JsonNode> events = running.awaitEvents(5);
      assertThat(events)
          .filteredOn(e -> e.path("truncated").asBoolean())
          .hasSize(3)
          .allSatisfy(e -> assertThat(e.at("/data/message").asText()).hasSize(480 - 18));
      assertThat(events)
          .extracting(e -> e.at("/data/message").asText())
          .contains("after lf", "after count");
      assertThat(running.metrics().getOversized()).isEqualTo(3);
    }
  }

  @Test
  void shouldDropOversizedMessagesWhenToldTo() throws Exception {
    // given a task dropping what is larger than 480 bytes
    try (RunningTask running =
        RunningTask.start(Map.of("syslog.max.message.bytes", "480", "syslog.oversized", "drop"))) {
      // when a big message comes by UDP and by octet-counted TCP, then a small one
      String big = "<13>1 - h a - - - " + "y".repeat(2000);
      Senders.udp(running.port, big);
      Senders.tcp(running.port, Senders.counted(big) + Senders.counted("<13>1 - h a - - - small"));

      // then only the small one is written, the two big ones counted
      List<JsonNode> events = running.awaitEvents(1);
      assertThat(events.get(0).at("/data/message").asText()).isEqualTo("small");
      await("both oversized counted")
          .atMost(Duration.ofSeconds(10))
          .until(() -> running.metrics().getOversized() == 2);
    }
  }

  @Test
  void shouldKeepALineFeedInsideAnOctetCountedMessage() throws Exception {
    // given a task
    try (RunningTask running = RunningTask.start(Map.of())) {
      // when an octet-counted message holds a line feed, as RFC 6587 allows
      Senders.tcp(running.port, Senders.counted("<13>1 - h a - - - two\nlines"));

      // then it is one message
      assertThat(running.awaitEvents(1).get(0).at("/data/message").asText())
          .isEqualTo("two\nlines");
    }
  }

  @Test
  void shouldRefuseConnectionsBeyondTheLimitAndCountThem() throws Exception {
    // given a task taking one TCP connection
    try (RunningTask running = RunningTask.start(Map.of("syslog.tcp.max.connections", "1"));
        Socket first = new Socket(InetAddress.getLoopbackAddress(), running.port)) {
      await("the first connection open")
          .atMost(Duration.ofSeconds(10))
          .until(() -> running.metrics().getOpenConnections() == 1);

      // when a second connects
      try (Socket second = new Socket(InetAddress.getLoopbackAddress(), running.port)) {
        // then it is closed at once and counted, while the first still delivers
        assertThat(second.getInputStream().read()).isEqualTo(-1);
        assertThat(running.metrics().getRefusedConnections()).isEqualTo(1);
      }
      Senders.write(first.getOutputStream(), "<13>1 - h a - - - still here\n");
      assertThat(running.awaitEvents(1).get(0).at("/data/message").asText())
          .isEqualTo("still here");
    }
  }

  @Test
  void shouldCloseAConnectionThatStaysIdle() throws Exception {
    // given a task closing connections idle for 200 ms
    try (RunningTask running = RunningTask.start(Map.of("syslog.tcp.idle.timeout.ms", "200"));
        Socket idle = new Socket(InetAddress.getLoopbackAddress(), running.port)) {
      idle.setSoTimeout(10_000);
      // when the client sends nothing, then the server closes it
      InputStream in = idle.getInputStream();
      assertThat(in.read()).isEqualTo(-1);
      await("the connection no longer counted open")
          .atMost(Duration.ofSeconds(10))
          .until(() -> running.metrics().getOpenConnections() == 0);
    }
  }

  @Test
  void shouldDropDatagramsWhenTheQueueIsFullButHoldTcpBack() throws Exception {
    // given a task whose queue holds one message, not polled
    try (RunningTask running = RunningTask.start(Map.of("syslog.queue.capacity", "1"))) {
      // when 20 datagrams come
      for (int i = 0; i < 20; i++) {
        Senders.udp(running.port, "<13>1 - h a - - - udp " + i);
      }
      await("20 datagrams received")
          .atMost(Duration.ofSeconds(10))
          .until(() -> running.metrics().getReceived() == 20);

      // then one waits and 19 are dropped and counted
      assertThat(running.metrics().getDropped()).isEqualTo(19);
      assertThat(running.awaitEvents(1).get(0).at("/data/message").asText()).isEqualTo("udp 0");

      // and when 10 messages come over TCP, none is lost: the reader waits for room
      StringBuilder tcp = new StringBuilder();
      for (int i = 0; i < 10; i++) {
        tcp.append("<13>1 - h a - - - tcp ").append(i).append('\n');
      }
      Senders.tcp(running.port, tcp.toString());
      List<JsonNode> events = running.awaitEvents(11);
      assertThat(events.subList(1, 11))
          .extracting(e -> e.at("/data/message").asText())
          .containsExactly(
              "tcp 0", "tcp 1", "tcp 2", "tcp 3", "tcp 4", "tcp 5", "tcp 6", "tcp 7", "tcp 8",
              "tcp 9");
      assertThat(running.metrics().getDropped()).isEqualTo(19);
    }
  }

  @Test
  void shouldShowItsCountersInJmx() throws Exception {
    // given a task that received a message
    RunningTask running = RunningTask.start(Map.of());
    ObjectName name = SyslogMetrics.objectName("syslog-test-" + running.port);
    Senders.udp(running.port, "<13>1 - h a - - - counted");
    running.awaitRecords(1);

    // then its counters are in JMX under the connector's name
    MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
    assertThat(jmx.getAttribute(name, "Received")).isEqualTo(1L);
    assertThat(jmx.getAttribute(name, "Polled")).isEqualTo(1L);

    // and gone once it stopped
    running.close();
    assertThat(jmx.isRegistered(name)).isFalse();
  }
}
