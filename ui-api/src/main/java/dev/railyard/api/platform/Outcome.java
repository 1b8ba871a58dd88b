package dev.railyard.api.platform;

import java.util.Map;
import java.util.Objects;

/**
 * What the platform answers to an API call: a success ({@link Ok}, {@link Created}, {@link
 * Accepted}) with a body of type {@code T}, or a {@link Refused} with a kind, a stable code and a
 * message. The API chooses the HTTP status from the variant and the kind; the platform never does.
 * Immutable when the body is.
 *
 * @param <T> the body of a success: a record of {@code dev.railyard.api.platform.answers}, a list
 *     of them, or (for what Connect answers itself, such as offsets) a Jackson node
 */
public sealed interface Outcome<T>
    permits Outcome.Ok, Outcome.Created, Outcome.Accepted, Outcome.Refused {

  /** Done; {@code body} is what the API writes as JSON. */
  record Ok<T>(T body) implements Outcome<T> {}

  /** Done, and a resource that did not exist before was created. */
  record Created<T>(T body) implements Outcome<T> {}

  /** Started; it goes on in the background and {@code body} says how to follow it. */
  record Accepted<T>(T body) implements Outcome<T> {}

  /**
   * Refused, with nothing changed. It carries no body, so {@link Outcome#refused} makes one for a
   * call of any answer type.
   *
   * @param kind what kind of refusal it is, which decides the status
   * @param code a stable code clients may test (e.g. {@code INVALID_RULES})
   * @param message names what is wrong and what would be valid
   * @param details extra structured facts, or null
   */
  record Refused<T>(Kind kind, String code, String message, Map<String, Object> details)
      implements Outcome<T> {

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

  static <T> Outcome<T> ok(T body) {
    return new Ok<>(body);
  }

  static <T> Outcome<T> created(T body) {
    return new Created<>(body);
  }

  static <T> Outcome<T> accepted(T body) {
    return new Accepted<>(body);
  }

  static <T> Refused<T> refused(
      Kind kind, String code, String message, Map<String, Object> details) {
    return new Refused<>(kind, code, message, details);
  }

  /** The body of a success, or null for a refusal. */
  default T body() {
    return null;
  }
}
