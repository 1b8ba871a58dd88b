package dev.railyard.rules.cloudevents;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The {@code id} of a CloudEvent in structured JSON, read without building a tree: the parser walks
 * the top-level fields and skips every value it does not need, so nested objects (the event's
 * {@code data}) are only scanned, never materialized. Thread-safe.
 */
public final class EventId {

  private static final JsonFactory JSON = new JsonFactory();

  private EventId() {}

  /**
   * @param json UTF-8 JSON text
   * @return the top-level {@code id} when it is a string; null when it is absent, not a string, or
   *     the text is not a JSON object
   */
  public static String of(byte[] json) {
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("id".equals(name)) {
          return value == JsonToken.VALUE_STRING ? p.getText() : null;
        }
        p.skipChildren();
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }
}
