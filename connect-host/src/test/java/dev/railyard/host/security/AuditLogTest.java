package dev.railyard.host.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.api.security.AuditTrail;
import dev.railyard.rules.model.Topology;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

  @TempDir Path dir;

  private static AuditTrail.Entry entry(String target, int status) {
    return new AuditTrail.Entry(
        Instant.parse("2026-12-02T10:00:00Z"),
        "abc123",
        "ci",
        "editor",
        "DELETE",
        "/api/v1/rules/:name",
        target,
        status,
        "127.0.0.1");
  }

  @Test
  void shouldAppendALineAndARecordPerCallAndReadTheRecentOnesBackAfterARestart() throws Exception {
    Path file = dir.resolve("audit.log");
    MockProducer<String, String> topic =
        new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
    try (AuditLog log =
        new AuditLog(
            Files.newBufferedWriter(
                file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
            topic,
            List.of(),
            false)) {
      log.record(entry("/api/v1/rules/a", 200));
      log.record(entry("/api/v1/rules/b", 403));
    }

    assertThat(Files.readAllLines(file)).hasSize(2);
    assertThat(topic.history()).hasSize(2);
    assertThat(topic.history().get(0).topic()).isEqualTo(Topology.AUDIT_TOPIC);
    assertThat(topic.history().get(1).value()).contains("\"status\":403");
    assertThat(AuditLog.tail(file))
        .containsExactly(entry("/api/v1/rules/a", 200), entry("/api/v1/rules/b", 403));
  }

  @Test
  void shouldKeepOnlyTheLastEntriesInMemory() throws Exception {
    MockProducer<String, String> topic =
        new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
    try (AuditLog log =
        new AuditLog(Files.newBufferedWriter(dir.resolve("audit.log")), topic, List.of(), false)) {
      for (int i = 0; i < AuditLog.KEPT + 5; i++) {
        log.record(entry("/api/v1/rules/r" + i, 200));
      }

      assertThat(log.recent(Integer.MAX_VALUE)).hasSize(AuditLog.KEPT);
      assertThat(log.recent(1))
          .containsExactly(entry("/api/v1/rules/r" + (AuditLog.KEPT + 4), 200));
    }
  }

  @Test
  void shouldLeaveAcceptedPutEventsOutUnlessAskedAndAlwaysKeepRefusedOnes() throws Exception {
    MockProducer<String, String> topic =
        new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
    AuditTrail.Entry accepted = events(200);
    AuditTrail.Entry refused = events(429);
    try (AuditLog log =
        new AuditLog(Files.newBufferedWriter(dir.resolve("a.log")), topic, List.of(), false)) {
      log.record(accepted);
      log.record(refused);

      assertThat(log.recent(10)).containsExactly(refused);
    }
    MockProducer<String, String> second =
        new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
    try (AuditLog log =
        new AuditLog(Files.newBufferedWriter(dir.resolve("b.log")), second, List.of(), true)) {
      log.record(accepted);

      assertThat(log.recent(10)).containsExactly(accepted);
    }
  }

  private static AuditTrail.Entry events(int status) {
    return new AuditTrail.Entry(
        Instant.parse("2026-12-02T10:00:00Z"),
        "abc123",
        "ci",
        "publisher",
        "POST",
        AuditLog.EVENTS_ROUTE,
        AuditLog.EVENTS_ROUTE,
        status,
        "127.0.0.1");
  }
}
