package dev.railyard.sources.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** Lines as CloudEvents, read back with the CloudEvents SDK as a consumer of the bus would. */
class LogEventsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path LIVE = Path.of("/var/log/app/app.log");
  private static final Instant READ = Instant.parse("2026-12-03T10:00:00Z");

  private static SourceRecord record(LineFormat format, String text, boolean truncated) {
    LogEvents events = new LogEvents("railyard.bus.logs", "app.log.line", format);
    Line line = new Line(text, 120, 120 + text.length() + 1, truncated);
    return events.record(
        LIVE, new Tailer.Tailed(line, Map.of(Tailer.FINGERPRINT, "ab12", "position", 150)), READ);
  }

  private static CloudEvent read(SourceRecord r) {
    return EventFormatProvider.getInstance()
        .resolveFormat(JsonFormat.CONTENT_TYPE)
        .deserialize(((String) r.value()).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldWriteAStructuredCloudEventWithTheFileAsSource() {
    // when a raw line becomes a record
    SourceRecord r = record(LineFormat.of("raw", "", "", "iso"), "hello world", false);

    // then the SDK reads a CloudEvent of the file, its text as data, with a stable id
    CloudEvent e = read(r);
    assertThat(e.getSource()).hasToString("file:///var/log/app/app.log");
    assertThat(e.getType()).isEqualTo("app.log.line");
    assertThat(e.getId()).isEqualTo("ab12-120");
    assertThat(e.getSubject()).isEqualTo("app.log");
    assertThat(e.getTime().toInstant()).isEqualTo(READ);
    assertThat(e.getDataContentType()).isEqualTo("text/plain");
    assertThat(new String(e.getData().toBytes(), StandardCharsets.UTF_8)).isEqualTo("hello world");
    assertThat(r.topic()).isEqualTo("railyard.bus.logs");
    assertThat(r.valueSchema()).isEqualTo(Schema.STRING_SCHEMA);
    assertThat(r.headers().lastWithName("content-type").value())
        .isEqualTo("application/cloudevents+json");
    assertThat(r.sourcePartition()).isEqualTo(Map.of("path", "/var/log/app/app.log"));
  }

  @Test
  void shouldParseJsonAndTakeTheTimeFromAField() throws Exception {
    SourceRecord r =
        record(
            LineFormat.of("json", "", "ts", "iso"),
            "{\"ts\":\"2026-01-02T03:04:05+01:00\",\"level\":\"warn\",\"n\":3}",
            true);

    CloudEvent e = read(r);
    assertThat(e.getTime().toInstant()).isEqualTo(Instant.parse("2026-01-02T02:04:05Z"));
    assertThat(e.getExtension("truncated")).isEqualTo(true);
    JsonNode data = JSON.readTree(e.getData().toBytes());
    assertThat(data.path("level").asText()).isEqualTo("warn");
    assertThat(data.path("n").asInt()).isEqualTo(3);
  }

  @Test
  void shouldParseLogfmtAndEpochTimes() throws Exception {
    SourceRecord r =
        record(
            LineFormat.of("logfmt", "", "t", "epoch_millis"),
            "t=1767225600000 level=info msg=\"user \\\"ann\\\" logged in\" cached",
            false);

    CloudEvent e = read(r);
    assertThat(e.getTime().toInstant()).isEqualTo(Instant.ofEpochMilli(1767225600000L));
    JsonNode data = JSON.readTree(e.getData().toBytes());
    assertThat(data.path("msg").asText()).isEqualTo("user \"ann\" logged in");
    assertThat(data.path("cached").asText()).isEqualTo("true");
  }

  @Test
  void shouldParseNamedGroupsWithAPatternTime() throws Exception {
    LineFormat format =
        LineFormat.of(
            "regex",
            "(?<ip>\\S+) \\[(?<time>[^]]+)\\] \"(?<request>[^\"]*)\" (?<status>\\d+)",
            "time",
            "dd/MMM/yyyy:HH:mm:ss Z");
    SourceRecord r =
        record(format, "10.0.0.1 [03/Dec/2026:10:11:12 +0000] \"GET / HTTP/1.1\" 200", false);

    CloudEvent e = read(r);
    assertThat(e.getTime().toInstant()).isEqualTo(Instant.parse("2026-12-03T10:11:12Z"));
    JsonNode data = JSON.readTree(e.getData().toBytes());
    assertThat(data.path("status").asText()).isEqualTo("200");
    assertThat(data.path("request").asText()).isEqualTo("GET / HTTP/1.1");
  }

  @Test
  void shouldSendALineThatDoesNotParseAsTextWithAFlagAndTheReadTime() {
    SourceRecord r = record(LineFormat.of("json", "", "ts", "iso"), "not {json", false);

    CloudEvent e = read(r);
    assertThat(e.getExtension("parseerror")).isEqualTo(true);
    assertThat(e.getTime().toInstant()).isEqualTo(READ);
    assertThat(new String(e.getData().toBytes(), StandardCharsets.UTF_8)).isEqualTo("not {json");
  }
}
