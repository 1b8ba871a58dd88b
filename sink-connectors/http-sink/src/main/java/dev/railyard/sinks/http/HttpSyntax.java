package dev.railyard.sinks.http;

import java.util.Set;
import java.util.regex.Pattern;

/** What HTTP and the JDK's client accept in header names and values. Stateless. */
final class HttpSyntax {

  /** RFC 9110 token: the characters a header name (or a media type part) may hold. */
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  /** Headers {@code java.net.http.HttpClient} sets itself and refuses to take from callers. */
  static final Set<String> CLIENT_HEADERS =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private HttpSyntax() {}

  static boolean isToken(String s) {
    return s != null && TOKEN.matcher(s).matches();
  }

  /** Whether a header value holds a control character other than tab (CR and LF included). */
  static boolean hasControlCharacter(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return true;
      }
    }
    return false;
  }
}
