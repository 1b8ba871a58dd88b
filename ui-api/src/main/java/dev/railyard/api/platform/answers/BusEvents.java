package dev.railyard.api.platform.answers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The newest events of a bus matching a pattern: {@code GET /api/v1/buses/{bus}/events}.
 *
 * @param bus the bus
 * @param topic its topic
 * @param events the events kept, oldest first
 * @param scanned how many records were read to answer
 * @param after the cursor to read on from: {@code partition:offset,...}
 */
public record BusEvents(String bus, String topic, List<Event> events, int scanned, String after) {

  public BusEvents {
    events = List.copyOf(events);
  }

  /**
   * One event.
   *
   * @param partition its partition of the bus topic
   * @param offset its offset there
   * @param timestamp the record's timestamp, ISO-8601
   * @param event the event as published (JSON), or its text when it is not JSON
   */
  public record Event(int partition, long offset, String timestamp, JsonNode event) {}
}
