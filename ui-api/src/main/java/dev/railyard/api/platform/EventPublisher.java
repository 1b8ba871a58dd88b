package dev.railyard.api.platform;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Writes PutEvents entries onto their buses. Each entry is validated and written on its own: a bad
 * entry gets an error result while the good entries of the same call are still written.
 * Thread-safe.
 */
public interface EventPublisher {

  /** The bus of an entry that names none (the rule language's default bus). */
  String DEFAULT_BUS = "default";

  /**
   * Publishes the entries, in order.
   *
   * @param entries the JSON objects of the request array, as parsed maps (values are maps, lists,
   *     strings, numbers, booleans or null); never null
   * @return one result per entry, in the same order, completed once every written entry is
   *     acknowledged by Kafka
   */
  CompletionStage<List<EntryResult>> putEvents(List<Map<String, Object>> entries);

  /**
   * The outcome of one entry: either {@code eventId} and {@code bus} are set, or {@code errorCode}
   * and {@code errorMessage} are.
   */
  record EntryResult(String eventId, String bus, String errorCode, String errorMessage) {

    public static EntryResult written(String eventId, String bus) {
      return new EntryResult(eventId, bus, null, null);
    }

    public static EntryResult failed(String errorCode, String errorMessage) {
      return new EntryResult(null, null, errorCode, errorMessage);
    }

    public boolean ok() {
      return errorCode == null;
    }
  }
}
