package dev.railyard.api.platform;

import java.util.Map;

/**
 * A platform's answer to an API call: {@code body} for a success, or {@code error} for a failure,
 * never both.
 *
 * @param status the HTTP status to answer with
 * @param body a JSON-able value (maps, lists, strings, numbers, booleans, Jackson nodes)
 * @param error the error, with a stable code, a message naming what is wrong and what would be
 *     valid, and optional details
 */
public record Reply(int status, Object body, Reply.Error error) {

  public static Reply ok(int status, Object body) {
    return new Reply(status, body, null);
  }

  public static Reply failed(int status, String code, String message, Map<String, Object> details) {
    return new Reply(status, null, new Error(code, message, details));
  }

  /** An error of a {@link Reply}; {@code details} may be null. */
  public record Error(String code, String message, Map<String, Object> details) {}
}
