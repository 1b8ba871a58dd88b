package dev.railyard.rules.transform;

import java.util.Objects;

/**
 * Thrown by {@link Transformer#apply} for an event its transform cannot turn into a payload,
 * typically a template that looks like JSON but renders to text that is not JSON for this event.
 * The message names the rule, the placeholder or path involved and the reason.
 *
 * <p>Checked on purpose: it is a fault of one event, not of the router, so the caller has to decide
 * where that event goes (usually the rule's dead-letter queue) instead of letting it end the task.
 */
public final class TransformException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String ruleName;

  TransformException(String ruleName, String reason, Throwable cause) {
    super("rule '" + ruleName + "': " + reason, cause);
    this.ruleName = Objects.requireNonNull(ruleName, "ruleName");
  }

  /** The rule whose transform failed; never null. */
  public String ruleName() {
    return ruleName;
  }
}
