package dev.railyard.api.platform;

/** What the list queries share. Stateless. */
final class Filters {

  /** The longest text filter. */
  static final int MAX_TEXT = 200;

  private Filters() {}

  /** A text filter trimmed, null when blank; refused when longer than {@link #MAX_TEXT}. */
  static String text(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String trimmed = text.trim();
    if (trimmed.length() > MAX_TEXT) {
      throw new IllegalArgumentException(
          "q: at most " + MAX_TEXT + " characters, got " + trimmed.length());
    }
    return trimmed;
  }
}
