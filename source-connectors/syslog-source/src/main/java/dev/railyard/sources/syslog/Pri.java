package dev.railyard.sources.syslog;

/** Reads the {@code <PRI>} that starts a syslog message: facility × 8 + severity, 0 to 191. */
final class Pri {

  private Pri() {}

  /** Whether the text starts with something that means to be a PRI: a {@code <} and a digit. */
  static boolean present(String text) {
    return text.length() > 1 && text.charAt(0) == '<' && Character.isDigit(text.charAt(1));
  }

  /**
   * The index just after the closing {@code >}; the value is {@code text}'s PRI.
   *
   * @param strict whether to refuse leading zeros (RFC 5424 allows none but in {@code <0>})
   */
  static int end(String text, boolean strict) throws MalformedMessageException {
    int close = text.indexOf('>');
    if (!text.startsWith("<") || close < 2 || close > 4) {
      throw new MalformedMessageException("PRI: expected <0> to <191> at the start");
    }
    String digits = text.substring(1, close);
    if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')
        || (strict && digits.length() > 1 && digits.charAt(0) == '0')
        || Integer.parseInt(digits) > 191) {
      throw new MalformedMessageException(
          "PRI: <" + digits + "> is not a priority; expected <0> to <191>");
    }
    return close + 1;
  }

  static int value(String text, int end) {
    return Integer.parseInt(text.substring(1, end - 1));
  }
}
