package dev.railyard.api.platform.answers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A look at the records a target is still retrying.
 *
 * @param rule the rule
 * @param target the target
 * @param topic its retry topic; null when the target keeps order and has none
 * @param retrying the first records parked, partitions in ascending order, each oldest first
 */
public record Retrying(String rule, String target, String topic, List<Parked> retrying) {

  public Retrying {
    retrying = List.copyOf(retrying);
  }

  /**
   * One record the delivery guard parked. Instants are ISO-8601 text, as the guard wrote them; each
   * may be null when its header is missing.
   *
   * @param partition its partition of the retry topic
   * @param offset its offset there
   * @param eventId the event's id, or null
   * @param attempts the delivery attempts made
   * @param firstFailure when the first attempt failed
   * @param lastFailure when the last attempt failed
   * @param due when the guard tries again
   * @param errorClass the last failure's exception class
   * @param errorMessage the last failure's message
   * @param value the record's value as JSON (the payload of Connect's envelope), or null
   */
  public record Parked(
      int partition,
      long offset,
      String eventId,
      int attempts,
      String firstFailure,
      String lastFailure,
      String due,
      String errorClass,
      String errorMessage,
      JsonNode value) {}
}
