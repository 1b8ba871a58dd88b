package dev.railyard.api;

/**
 * Bounds on what one request may ask of the API. Immutable.
 *
 * @param eventEntries the most entries one PutEvents call may hold (EventBridge: 10)
 * @param eventBytes the largest PutEvents body (EventBridge: 256 KB)
 * @param concurrentUploads plugin uploads and Maven installs received at once; more are 503
 */
public record RequestBounds(int eventEntries, long eventBytes, int concurrentUploads) {

  /** EventBridge's bounds on PutEvents, and two uploads at a time. */
  public static final RequestBounds DEFAULTS = new RequestBounds(10, 256 * 1024, 2);

  public RequestBounds {
    if (eventEntries < 1 || eventBytes < 1 || concurrentUploads < 1) {
      throw new IllegalArgumentException("request bounds must be positive");
    }
  }
}
