package dev.railyard.rules.model;

/**
 * Thrown by {@link JsonPath#parse(String)} for text outside the supported JSONPath subset. The
 * message names the character position and what is supported; {@link #index()} is the 0-based
 * offset of the offending character.
 */
public final class JsonPathException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** What the supported subset looks like, for error messages. */
  public static final String SUPPORTED = "supported: $, $.a.b, $.a[0], $.a[*], $['a.b']";

  private final int index;
  private final String reason;

  JsonPathException(int index, String reason) {
    super("at character " + (index + 1) + ": " + reason + "; " + SUPPORTED);
    this.index = index;
    this.reason = reason;
  }

  /** 0-based offset of the offending character in the path text. */
  public int index() {
    return index;
  }

  /** What is wrong, without the position and the summary of the subset; never null. */
  public String reason() {
    return reason;
  }
}
