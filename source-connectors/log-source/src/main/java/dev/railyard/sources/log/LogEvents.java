package dev.railyard.sources.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Makes the records of events: CloudEvents 1.0 in structured mode (the JSON text as a string value,
 * {@code content-type: application/cloudevents+json}), keyed by the file's URI so that one file's
 * events keep their order on the bus. The id is the generation's fingerprint and the line's
 * position, the same each time the line is read, so a repeat is recognisable. Thread-safe.
 */
final class LogEvents {

  static final String CONTENT_TYPE = "application/cloudevents+json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String topic;
  private final String type;
  private final LineFormat format;

  LogEvents(String topic, String type, LineFormat format) {
    this.topic = topic;
    this.type = type;
    this.format = format;
  }

  /** Where a tailer's events come from: {@code {path: <live path>}}. */
  static Map<String, String> partitionOf(Path live) {
    return Map.of("path", live.toString());
  }

  SourceRecord record(Path live, Tailer.Tailed tailed, Instant readAt) {
    Line line = tailed.event();
    LineFormat.Parsed parsed = format.parse(line.text());
    Instant time = parsed.time() != null ? parsed.time() : readAt;
    String source = live.toUri().toString();
    ObjectNode event = JSON.createObjectNode();
    event.put("specversion", "1.0");
    event.put("id", tailed.offset().get(Tailer.FINGERPRINT) + "-" + line.start());
    event.put("source", source);
    event.put("type", type);
    event.put("subject", live.getFileName().toString());
    event.put("time", time.toString());
    event.put("datacontenttype", parsed.text() ? "text/plain" : "application/json");
    if (line.truncated()) {
      event.put("truncated", true);
    }
    if (parsed.parseError()) {
      event.put("parseerror", true);
    }
    event.set("data", parsed.data());
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString("content-type", CONTENT_TYPE);
    try {
      return new SourceRecord(
          partitionOf(live),
          tailed.offset(),
          topic,
          null,
          Schema.STRING_SCHEMA,
          source,
          Schema.STRING_SCHEMA,
          JSON.writeValueAsString(event),
          readAt.toEpochMilli(),
          headers);
    } catch (JsonProcessingException e) {
      throw new DataException("cannot write the event of " + live + " at " + line.start(), e);
    }
  }
}
