package dev.railyard.api.eventbridge;

/**
 * A refusal of the EventBridge API in AWS's shape: HTTP {@code status} and {@code {"__type": type,
 * "message": message}}, which the AWS SDKs turn into the exception class of that name (e.g. {@code
 * ResourceNotFoundException}). The message names the field and what would be valid; it never holds
 * a secret.
 */
final class AwsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String type;

  AwsException(int status, String type, String message) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
  }

  /** A request the operation does not accept as it is: {@code ValidationException}, 400. */
  static AwsException validation(String message) {
    return new AwsException(400, "ValidationException", message);
  }

  /** No rule or bus of that name: {@code ResourceNotFoundException}, 400. */
  static AwsException notFound(String message) {
    return new AwsException(400, "ResourceNotFoundException", message);
  }

  /** The caller's key may not do this: {@code AccessDeniedException}, 400. */
  static AwsException accessDenied(String message) {
    return new AwsException(400, "AccessDeniedException", message);
  }

  int status() {
    return status;
  }

  /** The AWS error code, answered as {@code __type}. */
  String type() {
    return type;
  }
}
