package dev.railyard.sources.syslog;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a message as RFC 5424 says, strictly: every header field, its length and characters, the
 * timestamp (fractions up to microseconds, {@code Z} or an offset) and the structured data with its
 * escapes; anything else is a {@link MalformedMessageException} naming the field. Stateless.
 */
final class Rfc5424Parser {

  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?(Z|[+-]\\d{2}:\\d{2})");
  private static final String BOM = "\uFEFF";

  private Rfc5424Parser() {}

  static SyslogMessage parse(String text) throws MalformedMessageException {
    int pos = Pri.end(text, true);
    int pri = Pri.value(text, pos);
    Cursor c = new Cursor(text, pos);
    if (!c.take("1 ")) {
      throw new MalformedMessageException("VERSION: expected 1 and a space after the PRI");
    }
    OffsetDateTime timestamp = timestamp(c.field("TIMESTAMP", 64));
    String hostname = c.field("HOSTNAME", 255);
    String appName = c.field("APP-NAME", 48);
    String procId = c.field("PROCID", 128);
    String msgId = c.field("MSGID", 32);
    Map<String, Map<String, String>> sd = structuredData(c);
    String message = null;
    if (!c.atEnd()) {
      if (!c.take(" ")) {
        throw new MalformedMessageException(
            "STRUCTURED-DATA: expected a space or the end after it, at " + c.pos);
      }
      message = c.rest();
      if (message.startsWith(BOM)) {
        message = message.substring(1);
      }
    }
    return new SyslogMessage(
        SyslogMessage.Format.RFC5424,
        pri / 8,
        pri % 8,
        timestamp,
        nil(hostname),
        nil(appName),
        nil(procId),
        nil(msgId),
        sd,
        message);
  }

  private static OffsetDateTime timestamp(String field) throws MalformedMessageException {
    if (field.equals("-")) {
      return null;
    }
    if (!TIMESTAMP.matcher(field).matches()) {
      throw new MalformedMessageException(
          "TIMESTAMP: " + field + " is not an RFC 3339 time such as 2003-10-11T22:14:15.003Z");
    }
    try {
      return OffsetDateTime.parse(field);
    } catch (DateTimeParseException e) {
      throw new MalformedMessageException("TIMESTAMP: " + field + " is not a valid time");
    }
  }

  private static Map<String, Map<String, String>> structuredData(Cursor c)
      throws MalformedMessageException {
    if (c.take("-")) {
      return Map.of();
    }
    if (!c.peek('[')) {
      throw new MalformedMessageException(
          "STRUCTURED-DATA: expected - or [ at " + c.pos + " after the MSGID");
    }
    Map<String, Map<String, String>> sd = new LinkedHashMap<>();
    while (c.peek('[')) {
      c.pos++;
      String id = c.name("SD-ID");
      if (sd.containsKey(id)) {
        throw new MalformedMessageException("STRUCTURED-DATA: SD-ID " + id + " given twice");
      }
      Map<String, String> params = new LinkedHashMap<>();
      while (c.take(" ")) {
        String name = c.name("PARAM-NAME");
        if (!c.take("=\"")) {
          throw new MalformedMessageException(
              "STRUCTURED-DATA: expected =\" after " + name + " at " + c.pos);
        }
        params.put(name, c.quoted());
      }
      if (!c.take("]")) {
        throw new MalformedMessageException(
            "STRUCTURED-DATA: expected ] or a parameter at " + c.pos + " in [" + id);
      }
      sd.put(id, Collections.unmodifiableMap(params));
    }
    return Collections.unmodifiableMap(sd);
  }

  private static String nil(String field) {
    return field.equals("-") ? null : field;
  }

  /** A position in the text being read. */
  private static final class Cursor {
    private final String text;
    private int pos;

    Cursor(String text, int pos) {
      this.text = text;
      this.pos = pos;
    }

    boolean atEnd() {
      return pos >= text.length();
    }

    boolean peek(char ch) {
      return pos < text.length() && text.charAt(pos) == ch;
    }

    boolean take(String s) {
      if (text.startsWith(s, pos)) {
        pos += s.length();
        return true;
      }
      return false;
    }

    String rest() {
      String rest = text.substring(pos);
      pos = text.length();
      return rest;
    }

    /** A header field of 1 to {@code max} printable US-ASCII characters and the space after it. */
    String field(String what, int max) throws MalformedMessageException {
      int start = pos;
      while (pos < text.length() && printable(text.charAt(pos))) {
        pos++;
      }
      if (pos == start) {
        throw new MalformedMessageException(what + ": missing at " + start);
      }
      if (pos - start > max) {
        throw new MalformedMessageException(what + ": longer than " + max + " characters");
      }
      if (!take(" ")) {
        throw new MalformedMessageException(
            what + ": expected a space after it at " + pos + ", found " + describe());
      }
      return text.substring(start, pos - 1);
    }

    /** An SD-NAME: 1 to 32 printable characters but {@code = ] "} and space. */
    String name(String what) throws MalformedMessageException {
      int start = pos;
      while (pos < text.length()
          && printable(text.charAt(pos))
          && "=]\"".indexOf(text.charAt(pos)) < 0) {
        pos++;
      }
      if (pos == start || pos - start > 32) {
        throw new MalformedMessageException(
            "STRUCTURED-DATA: " + what + " of 1 to 32 characters expected at " + start);
      }
      return text.substring(start, pos);
    }

    /** A PARAM-VALUE up to its closing quote, with {@code \" \\ \]} unescaped. */
    String quoted() throws MalformedMessageException {
      StringBuilder value = new StringBuilder();
      while (pos < text.length()) {
        char ch = text.charAt(pos++);
        if (ch == '"') {
          return value.toString();
        }
        if (ch == ']') {
          throw new MalformedMessageException(
              "STRUCTURED-DATA: an unescaped ] in a PARAM-VALUE at " + (pos - 1));
        }
        if (ch == '\\' && pos < text.length() && "\"\\]".indexOf(text.charAt(pos)) >= 0) {
          ch = text.charAt(pos++);
        }
        value.append(ch);
      }
      throw new MalformedMessageException("STRUCTURED-DATA: a PARAM-VALUE without its closing \"");
    }

    private String describe() {
      return atEnd() ? "the end" : "'" + text.charAt(pos) + "'";
    }

    private static boolean printable(char ch) {
      return ch >= 33 && ch <= 126;
    }
  }
}
