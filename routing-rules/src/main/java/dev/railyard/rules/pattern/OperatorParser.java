package dev.railyard.rules.pattern;

import com.fasterxml.jackson.core.JsonToken;
import com.google.re2j.PatternSyntaxException;

/**
 * Parses one operator object inside a field's value list, such as {@code {"prefix": "a"}}, with the
 * grammar (and the error cases) of event-ruler's rule compiler. Not thread-safe; one per pattern
 * parse.
 */
final class OperatorParser {

  /** Marker for {@code {"exists": false}}: the field matches when the event has no leaf there. */
  static final ValueTest ABSENT = (event, value) -> false;

  private final TokenReader in;
  private final AnythingButParser anythingBut;
  private String path = "";

  /**
   * @param legacy the grammar of event-ruler's older compiler, which it falls back to when $or is
   *     malformed
   */
  OperatorParser(TokenReader in, boolean legacy) {
    this.in = in;
    this.anythingBut = new AnythingButParser(in, legacy);
  }

  /** Parses the operator object whose START_OBJECT was just read. */
  ValueTest parse(String fieldPath, boolean firstInList) {
    this.path = fieldPath;
    anythingBut.path = fieldPath;
    if (in.next() != JsonToken.FIELD_NAME) {
      throw in.bad(path, "operator name not found: the object is empty", Hints.OPERATORS);
    }
    String op = in.name();
    switch (op) {
      case "exactly":
        return endObject(new Leaves.ExactString(string(op)));
      case "prefix":
        return prefixOrSuffix(op, true);
      case "suffix":
        return prefixOrSuffix(op, false);
      case "equals-ignore-case":
        return endObject(caseFold('"' + string(op) + '"', CaseFold.Mode.EXACT));
      case "wildcard":
        return endObject(wildcard(string(op)));
      case "numeric":
        return new NumericParser(in, path).parse();
      case "anything-but":
        return anythingBut.parse(firstInList);
      case "exists":
        return exists();
      case "cidr":
        return endObject(cidr(string(op)));
      case "regex":
        return endObject(regex(string(op)));
      default:
        throw in.bad(path, "unknown operator \"" + op + "\"", Hints.OPERATORS);
    }
  }

  private ValueTest prefixOrSuffix(String op, boolean prefix) {
    JsonToken t = in.next();
    String hint = prefix ? Hints.PREFIX : Hints.SUFFIX;
    if (t == JsonToken.START_OBJECT) {
      if (in.next() != JsonToken.FIELD_NAME || !"equals-ignore-case".equals(in.name())) {
        throw in.bad(path, "only equals-ignore-case is allowed inside " + op, hint);
      }
      if (in.next() != JsonToken.VALUE_STRING) {
        throw in.bad(path, "equals-ignore-case needs a string", hint);
      }
      String text = Text.normalize(in.text());
      ValueTest test =
          prefix
              ? caseFold('"' + text, CaseFold.Mode.PREFIX)
              : caseFold(text + '"', CaseFold.Mode.SUFFIX);
      endObject(test);
      return endObject(test);
    }
    if (t != JsonToken.VALUE_STRING) {
      throw in.bad(path, op + " needs a string", hint);
    }
    String text = Text.normalize(in.text());
    return endObject(prefix ? new TextTests.Prefix(text) : new TextTests.Suffix(text, false));
  }

  private ValueTest exists() {
    JsonToken t = in.next();
    if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
      throw in.bad(path, "exists needs true or false", Hints.EXISTS);
    }
    return endObject(t == JsonToken.VALUE_TRUE ? Leaves.Exists.INSTANCE : ABSENT);
  }

  private String string(String op) {
    if (in.next() != JsonToken.VALUE_STRING) {
      throw in.bad(path, op + " needs a string", String.format(Hints.STRING_OPERAND, op));
    }
    return in.text();
  }

  private ValueTest endObject(ValueTest test) {
    if (in.next() != JsonToken.END_OBJECT) {
      throw in.bad(path, "only one key is allowed in an operator object", Hints.SINGLE_KEY);
    }
    return test;
  }

  static ValueTest caseFold(String quoted, CaseFold.Mode mode) {
    return new CaseFold.Test(new CaseFold(quoted, mode), false);
  }

  private ValueTest cidr(String text) {
    try {
      return IpAddress.cidr(text);
    } catch (IllegalArgumentException e) {
      throw in.bad(path, e.getMessage(), Hints.CIDR);
    }
  }

  private ValueTest regex(String text) {
    try {
      return new TextTests.Regex(com.google.re2j.Pattern.compile(text));
    } catch (PatternSyntaxException e) {
      throw in.bad(path, "invalid regex: " + e.getMessage(), Hints.REGEX);
    }
  }

  /**
   * Parses and checks a wildcard value; event-ruler's rules: {@code **} and stray backslashes are
   * errors.
   */
  TextTests.Wildcard wildcard(String raw) {
    String text = Text.normalize(raw);
    if (text.length() > Limits.MAX_WILDCARD_CHARS) {
      throw in.bad(
          path,
          "wildcard longer than " + Limits.MAX_WILDCARD_CHARS + " characters",
          Hints.WILDCARD);
    }
    java.util.List<String> parts = new java.util.ArrayList<>();
    StringBuilder part = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '*') {
        if (i + 1 < text.length() && text.charAt(i + 1) == '*') {
          throw in.bad(path, "consecutive wildcard characters at position " + i, Hints.WILDCARD);
        }
        parts.add(part.toString());
        part.setLength(0);
      } else if (c == '\\') {
        char n = i + 1 < text.length() ? text.charAt(i + 1) : '"';
        if (n != '*' && n != '\\') {
          throw in.bad(path, "invalid escape character at position " + i, Hints.WILDCARD);
        }
        part.append(n);
        i++;
      } else {
        part.append(c);
      }
    }
    parts.add(part.toString());
    if (parts.size() - 1 > Limits.MAX_WILDCARDS) {
      throw in.bad(
          path, "more than " + Limits.MAX_WILDCARDS + " wildcard characters", Hints.WILDCARD);
    }
    return new TextTests.Wildcard(parts.toArray(new String[0]));
  }
}
