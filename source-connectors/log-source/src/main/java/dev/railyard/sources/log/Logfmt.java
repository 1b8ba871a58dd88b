package dev.railyard.sources.log;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a logfmt line ({@code level=info msg="user logged in" took=12ms}) into an object of
 * strings; a key without a value is "true". Thread-safe.
 */
final class Logfmt {

  private Logfmt() {}

  /** The line's pairs, or null when it holds none or a quote is never closed. */
  static ObjectNode parse(String line) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    int i = 0;
    int n = line.length();
    while (i < n) {
      while (i < n && line.charAt(i) == ' ') {
        i++;
      }
      int keyStart = i;
      while (i < n && line.charAt(i) != '=' && line.charAt(i) != ' ') {
        i++;
      }
      if (i == keyStart) {
        if (i < n) {
          return null; // a value without a key
        }
        break;
      }
      String key = line.substring(keyStart, i);
      if (i >= n || line.charAt(i) == ' ') {
        out.put(key, "true");
        continue;
      }
      i++; // '='
      StringBuilder value = new StringBuilder();
      if (i < n && line.charAt(i) == '"') {
        i++;
        while (i < n && line.charAt(i) != '"') {
          if (line.charAt(i) == '\\' && i + 1 < n) {
            i++;
          }
          value.append(line.charAt(i++));
        }
        if (i >= n) {
          return null;
        }
        i++;
      } else {
        while (i < n && line.charAt(i) != ' ') {
          value.append(line.charAt(i++));
        }
      }
      out.put(key, value.toString());
    }
    return out.isEmpty() ? null : out;
  }
}
