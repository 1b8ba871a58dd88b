package dev.railyard.sinks.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.kafka.connect.errors.DataException;

/**
 * What one line of a file holds for a record ({@code log.format}): the event, its data, or a
 * template filled in; always one line of JSON without its newline. Thread-safe.
 */
final class LineFormat {

  private final Function<RecordContent, String> format;

  private LineFormat(Function<RecordContent, String> format) {
    this.format = format;
  }

  static LineFormat cloudEvent() {
    return new LineFormat(c -> json(c.event() != null ? c.event() : c.plain()));
  }

  static LineFormat data() {
    return new LineFormat(
        c -> {
          if (c.event() == null) {
            return json(c.plain());
          }
          JsonNode data = c.event().get("data");
          if (data == null) {
            data =
                c.event().has("data_base64")
                    ? c.event().get("data_base64")
                    : NullNode.getInstance();
          }
          return json(data);
        });
  }

  static LineFormat template(LineTemplate template) {
    return new LineFormat(c -> template.fill(c.event() != null ? c.event() : c.plain()));
  }

  /** The line's bytes, with its newline. */
  byte[] line(RecordContent content) {
    return (format.apply(content) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static String json(JsonNode node) {
    try {
      return RecordContent.JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new DataException("cannot write the record as JSON", e);
    }
  }
}
