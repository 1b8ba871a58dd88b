package dev.railyard.api.platform;

import dev.railyard.api.platform.answers.BusEvents;
import java.util.concurrent.CompletionStage;

/**
 * Reads the newest events of a bus back from its topic, filtered by an event pattern on the
 * platform, for the dashboard's events explorer: bounded in what it reads and what it keeps, never
 * the whole topic. Thread-safe.
 */
public interface EventTail {

  /** The most events one answer holds. */
  int MAX_LIMIT = 200;

  /** The most records one call reads back per partition. */
  int MAX_SCAN = 10_000;

  /**
   * What to read.
   *
   * @param bus the bus
   * @param patternJson an event pattern, or null for every event
   * @param limit how many of the newest matching events to answer, 1 to {@value #MAX_LIMIT}
   * @param scan how many records back from the end of each partition to read when {@code after} is
   *     null, 1 to {@value #MAX_SCAN}
   * @param after the cursor of an earlier answer (read onward from there), or null
   */
  record Request(String bus, String patternJson, int limit, int scan, String after) {

    public Request {
      if (bus == null || bus.isBlank()) {
        throw new IllegalArgumentException("bus: name the bus to read");
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        throw new IllegalArgumentException("limit: 1 to " + MAX_LIMIT + ", got " + limit);
      }
      if (scan < 1 || scan > MAX_SCAN) {
        throw new IllegalArgumentException("scan: 1 to " + MAX_SCAN + ", got " + scan);
      }
    }
  }

  /**
   * The newest matching events, oldest first, with the cursor to read what comes next: {@code
   * NOT_FOUND} for a bus out of {@code scope} or with no topic yet, {@code INVALID} for a pattern
   * or cursor that does not parse (naming it), {@code UNAVAILABLE} while Kafka cannot be read.
   */
  CompletionStage<Outcome<BusEvents>> tail(BusScope scope, Request request);
}
