package dev.railyard.api;

import java.util.Map;

/**
 * An error meant for the client: its status, code, message and details become the body {@code
 * {"error": {"code", "message", "details"}}}. Thrown from handlers or passed to {@code ctx.fail}.
 */
final class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final transient Map<String, Object> details;

  ApiException(int status, String code, String message, Map<String, Object> details) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.details = details;
  }

  static ApiException badRequest(String code, String message, Map<String, Object> details) {
    return new ApiException(400, code, message, details);
  }

  static ApiException unavailable(String code, String message) {
    return new ApiException(503, code, message, null);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  /** Extra structured facts (field, range, position, ...), or null. */
  Map<String, Object> details() {
    return details;
  }
}
