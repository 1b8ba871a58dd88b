package dev.railyard.rules.transform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes values into a rendered template, escaping for JSON where the {@link Context} needs it.
 * Stateless.
 */
final class JsonText {

  /** Thread-safe once configured; shared by every transformer. */
  static final ObjectMapper MAPPER = new ObjectMapper();

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonText() {}

  /** Appends a text value: quoted when bare, escaped inside a string, as it is in plain text. */
  static void appendString(StringBuilder out, String text, Context context) {
    switch (context) {
      case BARE -> {
        out.append('"');
        appendEscaped(out, text);
        out.append('"');
      }
      case QUOTED -> appendEscaped(out, text);
      case TEXT -> out.append(text);
    }
  }

  /** Appends JSON text: as it is, except inside a string, where it is escaped. */
  static void appendJson(StringBuilder out, String json, Context context) {
    if (context == Context.QUOTED) {
      appendEscaped(out, json);
    } else {
      out.append(json);
    }
  }

  /**
   * Appends what a path selected: a missing value is {@code null} when bare and nothing otherwise;
   * a string is written as {@link #appendString} does; anything else as its JSON text.
   *
   * @throws JsonProcessingException when the node cannot be written as JSON (not the case for
   *     parsed events)
   */
  static void appendNode(StringBuilder out, JsonNode node, Context context)
      throws JsonProcessingException {
    if (node.isMissingNode()) {
      if (context == Context.BARE) {
        out.append("null");
      }
    } else if (node.isTextual()) {
      appendString(out, node.textValue(), context);
    } else if (node.isNumber() || node.isBoolean() || node.isNull()) {
      out.append(node.asText());
    } else {
      appendJson(out, MAPPER.writeValueAsString(node), context);
    }
  }

  /**
   * Appends {@code text} escaped as the content of a JSON string: quotes, backslashes and control
   * characters.
   */
  static void appendEscaped(StringBuilder out, String text) {
    int clean = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\' || c < 0x20) {
        out.append(text, clean, i);
        appendEscape(out, c);
        clean = i + 1;
      }
    }
    out.append(text, clean, text.length());
  }

  private static void appendEscape(StringBuilder out, char c) {
    switch (c) {
      case '"' -> out.append("\\\"");
      case '\\' -> out.append("\\\\");
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      case '\b' -> out.append("\\b");
      case '\f' -> out.append("\\f");
      default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
    }
  }
}
