package dev.railyard.rules.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser of the {@link JsonPath} subset. Not thread-safe; one instance per parse.
 */
final class JsonPathParser {

  private static final int MAX_INDEX_DIGITS = 9;

  private final String text;
  private int at;

  JsonPathParser(String text) {
    this.text = text;
  }

  /** A name that can be written after a dot: no dots, brackets, quotes, asterisks or whitespace. */
  static boolean isPlainName(String name) {
    return !name.isEmpty() && name.chars().allMatch(JsonPathParser::isNameChar);
  }

  private static boolean isNameChar(int c) {
    return c != '.'
        && c != '['
        && c != ']'
        && c != '\''
        && c != '"'
        && c != '*'
        && c != '\\'
        && !Character.isWhitespace(c)
        && !Character.isISOControl(c);
  }

  JsonPath parse() {
    if (text.length() > JsonPath.MAX_LENGTH) {
      throw new JsonPathException(
          JsonPath.MAX_LENGTH, "the path is longer than " + JsonPath.MAX_LENGTH + " characters");
    }
    if (!text.startsWith("$")) {
      throw new JsonPathException(0, "a path starts with '$'");
    }
    at = 1;
    List<JsonPath.Segment> segments = new ArrayList<>();
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c == '.') {
        segments.add(dotted());
      } else if (c == '[') {
        segments.add(bracketed());
      } else {
        throw new JsonPathException(at, "expected '.' or '[' but found '" + c + "'");
      }
    }
    return new JsonPath(segments);
  }

  private JsonPath.Segment dotted() {
    int start = ++at;
    while (at < text.length() && isNameChar(text.charAt(at))) {
      at++;
    }
    if (at == start) {
      String found = at < text.length() ? "'" + text.charAt(at) + "'" : "the end";
      String fix =
          at < text.length() && text.charAt(at) == '*' ? " (write [*] for every element)" : "";
      throw new JsonPathException(at, "expected a name after '.' but found " + found + fix);
    }
    return new JsonPath.Key(text.substring(start, at));
  }

  private JsonPath.Segment bracketed() {
    at++;
    if (at >= text.length()) {
      throw new JsonPathException(at, "expected an index, '*' or a quoted name after '['");
    }
    char c = text.charAt(at);
    JsonPath.Segment segment;
    if (c == '*') {
      at++;
      segment = new JsonPath.Wildcard();
    } else if (c == '\'' || c == '"') {
      segment = new JsonPath.Key(quoted(c));
    } else if (c >= '0' && c <= '9') {
      segment = new JsonPath.Index(index());
    } else {
      throw new JsonPathException(
          at, "expected an index, '*' or a quoted name after '[' but found '" + c + "'");
    }
    if (at >= text.length() || text.charAt(at) != ']') {
      throw new JsonPathException(at, "expected ']'");
    }
    at++;
    return segment;
  }

  private int index() {
    int start = at;
    while (at < text.length() && Character.isDigit(text.charAt(at))) {
      at++;
    }
    String digits = text.substring(start, at);
    if (digits.length() > 1 && digits.charAt(0) == '0') {
      throw new JsonPathException(start, "an index has no leading zeros");
    }
    if (digits.length() > MAX_INDEX_DIGITS) {
      throw new JsonPathException(start, "the index is too large");
    }
    return Integer.parseInt(digits);
  }

  private String quoted(char quote) {
    int open = at++;
    StringBuilder name = new StringBuilder();
    while (at < text.length() && text.charAt(at) != quote) {
      char c = text.charAt(at++);
      if (c == '\\') {
        if (at >= text.length() || (text.charAt(at) != quote && text.charAt(at) != '\\')) {
          throw new JsonPathException(
              at - 1, "only \\" + quote + " and \\\\ are escapes in a quoted name");
        }
        c = text.charAt(at++);
      }
      name.append(c);
    }
    if (at >= text.length()) {
      throw new JsonPathException(open, "the quoted name is not closed");
    }
    at++;
    return name.toString();
  }
}
