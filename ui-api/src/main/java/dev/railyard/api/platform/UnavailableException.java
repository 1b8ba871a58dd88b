package dev.railyard.api.platform;

/**
 * A stage of the platform failed because a service it needs (Kafka, a Connect worker) is down or
 * did not answer in time. The API answers it with 503; any other failure is a 500 with an error id.
 */
public final class UnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public UnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
