package dev.railyard.api.platform;

import java.util.Map;
import java.util.Objects;

/**
 * What the platform answers to an API call: a success ({@link Ok}, {@link Created}, {@link
 * Accepted}) with a body, or a {@link Refused} with a kind, a stable code and a message. The API
 * chooses the HTTP status from the variant and the kind; the platform never does.
 */
public sealed interface Outcome
    permits Outcome.Ok, Outcome.Created, Outcome.Accepted, Outcome.Refused {

  /** Done; {@code body} is a JSON-able value (maps, lists, strings, numbers, Jackson nodes). */
  record Ok(Object body) implements Outcome {}

  /** Done, and a resource that did not exist before was created. */
  record Created(Object body) implements Outcome {}

  /** Started; it goes on in the background and {@code body} says how to follow it. */
  record Accepted(Object body) implements Outcome {}

  /**
   * Refused, with nothing changed.
   *
   * @param kind what kind of refusal it is, which decides the status
   * @param code a stable code clients may test (e.g. {@code INVALID_RULES})
   * @param message names what is wrong and what would be valid
   * @param details extra structured facts, or null
   */
  record Refused(Kind kind, String code, String message, Map<String, Object> details)
      implements Outcome {

    public Refused {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }
  }

  /** The kinds of refusal. */
  enum Kind {
    /** The request is not acceptable as it is (400). */
    INVALID,
    /** No such rule, connector, target, replay or action (404). */
    NOT_FOUND,
    /** It conflicts with the current state (409). */
    CONFLICT,
    /** The caller may not do it, e.g. its token is limited to other buses (403). */
    FORBIDDEN,
    /** It, or what it unpacks to, is over a limit (413). */
    TOO_LARGE,
    /** A service the operation needs (Kafka, Connect) cannot do it now (503). */
    UNAVAILABLE
  }

  static Outcome ok(Object body) {
    return new Ok(body);
  }

  static Outcome created(Object body) {
    return new Created(body);
  }

  static Outcome accepted(Object body) {
    return new Accepted(body);
  }

  static Refused refused(Kind kind, String code, String message, Map<String, Object> details) {
    return new Refused(kind, code, message, details);
  }

  /** The body of a success, or null for a refusal. */
  default Object body() {
    return null;
  }
}
