package dev.railyard.api.platform.answers;

import java.util.List;
import java.util.Map;

/**
 * A look at the dead letters of a target not yet redriven.
 *
 * @param rule the rule
 * @param target the target
 * @param letters the first letters, partition by partition, each oldest first
 */
public record Letters(String rule, String target, List<Letter> letters) {

  public Letters {
    letters = List.copyOf(letters);
  }

  /**
   * One dead letter, its bytes read as UTF-8.
   *
   * @param partition its partition of the dead-letter topic
   * @param offset its offset there
   * @param timestamp the record's timestamp, ISO-8601
   * @param key its key, or null
   * @param value its value, or null
   * @param headers its headers in order (a header without a value maps to null), the stack trace
   *     left out
   */
  public record Letter(
      int partition,
      long offset,
      String timestamp,
      String key,
      String value,
      Map<String, String> headers) {

    public Letter {
      headers = Copies.ordered(headers);
    }
  }
}
