package dev.railyard.rules.delivery;

import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;

/** Decides whether a failed delivery is worth retrying. */
final class Failures {

  private Failures() {}

  /**
   * A record the sink refuses for its shape ({@link DataException}, {@link
   * IllegalArgumentException}, {@link ClassCastException}), or that trips a bug in it ({@link
   * NullPointerException}, {@link IndexOutOfBoundsException}), fails the same way every time, so it
   * goes to the dead letters at once, with the sink's own words, unless something in the chain says
   * it is transient ({@link RetriableException}). Retrying a bug only hid it behind "retrying"
   * until the policy was spent. Everything else (I/O, a database or endpoint down, a generic {@code
   * ConnectException}) may pass later and is retried under the policy.
   */
  static boolean retriable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RetriableException) {
        return true;
      }
    }
    return !(failure instanceof DataException
        || failure instanceof IllegalArgumentException
        || failure instanceof ClassCastException
        || failure instanceof NullPointerException
        || failure instanceof IndexOutOfBoundsException);
  }

  /** The most telling class and message: the root cause's, unless it has no message. */
  static String[] describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    Throwable shown = root.getMessage() == null ? failure : root;
    return new String[] {shown.getClass().getName(), String.valueOf(shown.getMessage())};
  }
}
