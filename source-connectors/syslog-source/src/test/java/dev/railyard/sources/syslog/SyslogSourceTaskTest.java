package dev.railyard.sources.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The task receiving what util-linux's logger sends, over UDP and TCP, in both RFC formats. */
class SyslogSourceTaskTest {

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({
    "--udp, --rfc5424, ''",
    "--udp, --rfc3164, ''",
    "--tcp, --rfc5424, --octet-count",
    "--tcp, --rfc5424, ''",
    "--tcp, --rfc3164, ''",
    "--tcp, --rfc3164, --octet-count"
  })
  void shouldTurnWhatLoggerSendsIntoACloudEvent(String transport, String format, String framing)
      throws Exception {
    // given a task listening on UDP and TCP
    try (RunningTask running = RunningTask.start(Map.of())) {
      // when logger sends an error of facility local3 from app billing
      if (framing.isEmpty()) {
        Logger.send(
            running.port, transport, format, "-p", "local3.err", "-t", "billing", "disk full");
      } else {
        Logger.send(
            running.port,
            transport,
            format,
            framing,
            "-p",
            "local3.err",
            "-t",
            "billing",
            "disk full");
      }

      // then one CloudEvent says so, on the bus topic, in structured mode
      SourceRecord record = running.awaitRecords(1).get(0);
      assertThat(record.topic()).isEqualTo("railyard.bus.logs");
      assertThat(record.valueSchema()).isEqualTo(Schema.STRING_SCHEMA);
      assertThat(record.headers().lastWithName("content-type").value())
          .isEqualTo("application/cloudevents+json");
      CloudEvent event =
          EventFormatProvider.getInstance()
              .resolveFormat(JsonFormat.CONTENT_TYPE)
              .deserialize(((String) record.value()).getBytes(StandardCharsets.UTF_8));
      assertThat(event.getType()).isEqualTo("dev.railyard.syslog.message");
      assertThat(event.getSource().toString()).startsWith("syslog://").endsWith("/billing");
      assertThat(event.getExtension("severity")).isEqualTo("err");
      assertThat(event.getExtension("severitycode")).isEqualTo(3);
      assertThat(event.getExtension("facility")).isEqualTo("local3");
      assertThat(event.getExtension("facilitycode")).isEqualTo(19);
      assertThat(event.getExtension("appname")).isEqualTo("billing");
      assertThat(event.getExtension("syslogformat")).isEqualTo(format.substring(2));
      assertThat(event.getTime()).isCloseTo(OffsetDateTime.now(), within(2, ChronoUnit.MINUTES));
      JsonNode data = RunningTask.JSON.readTree(event.getData().toBytes());
      assertThat(data.path("message").asText()).isEqualTo("disk full");
      assertThat(data.path("transport").asText()).isEqualTo(transport.substring(2));
      assertThat(running.metrics().getReceived()).isEqualTo(1);
      assertThat(running.metrics().getMalformed()).isZero();
    }
  }

  @Test
  void shouldCarryRfc5424StructuredDataMsgIdAndHostname() throws Exception {
    // given a task
    try (RunningTask running = RunningTask.start(Map.of())) {
      // when logger sends RFC 5424 with a message id and structured data over TCP
      Logger.send(
          running.port,
          "--tcp",
          "--octet-count",
          "--rfc5424",
          "--msgid",
          "ID47",
          "--sd-id",
          "order@32473",
          "--sd-param",
          "id=\"42\"",
          "--sd-param",
          "note=\"a \\\"quoted\\\" \\]bracket\"",
          "-t",
          "shop",
          "paid");

      // then the event has them, the escapes undone
      JsonNode event = running.awaitEvents(1).get(0);
      assertThat(event.path("msgid").asText()).isEqualTo("ID47");
      assertThat(event.path("hostname").asText()).isNotBlank();
      assertThat(event.at("/data/structuredData/order@32473/id").asText()).isEqualTo("42");
      assertThat(event.at("/data/structuredData/order@32473/note").asText())
          .isEqualTo("a \"quoted\" ]bracket");
      assertThat(event.at("/data/structuredData/timeQuality").isObject()).isTrue();
      assertThat(event.path("procid").isMissingNode()).isTrue();
    }
  }

  @Test
  void shouldTakeManyMessagesOverOneConnectionInOrder() throws Exception {
    // given a task
    try (RunningTask running = RunningTask.start(Map.of())) {
      // when logger sends a file of 50 lines over one TCP connection
      Path lines = Files.createTempFile("syslog", ".txt");
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < 50; i++) {
        text.append("line ").append(i).append('\n');
      }
      Files.writeString(lines, text);
      Logger.send(running.port, "--tcp", "--octet-count", "--rfc5424", "-f", lines.toString());
      Files.delete(lines);

      // then the 50 events are there in order
      List<JsonNode> events = running.awaitEvents(50);
      for (int i = 0; i < 50; i++) {
        assertThat(events.get(i).at("/data/message").asText()).isEqualTo("line " + i);
      }
    }
  }
}
