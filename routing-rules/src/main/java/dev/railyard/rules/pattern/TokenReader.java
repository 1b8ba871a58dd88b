package dev.railyard.rules.pattern;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The token stream of a pattern, with the location-aware problem reporting all pattern parsers
 * share.
 */
final class TokenReader {

  private final JsonParser parser;

  TokenReader(JsonParser parser) {
    this.parser = parser;
  }

  JsonToken next() {
    try {
      return parser.nextToken();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String text() {
    try {
      return parser.getText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String name() {
    try {
      return parser.currentName();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int depth() {
    return parser.getParsingContext().getNestingDepth();
  }

  /** Skips the rest of the value the current token opens (no-op on scalars). */
  void skipValue() {
    try {
      parser.skipChildren();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Skips tokens until the stream is back at nesting depth {@code depth} (after a bad value). */
  void skipTo(int depth) {
    while (depth() > depth) {
      if (next() == null) {
        return;
      }
    }
  }

  Problem problem(String path, String message, String hint) {
    JsonLocation at = parser.currentTokenLocation();
    return new Problem(at.getLineNr(), at.getColumnNr(), path, message, hint);
  }

  Bad bad(String path, String message, String hint) {
    return new Bad(problem(path, message, hint), false);
  }

  /** A problem event-ruler only reports when the field it is in survives duplicate keys. */
  Bad deferred(String path, String message, String hint) {
    return new Bad(problem(path, message, hint), false, true);
  }

  static boolean isNumber(JsonToken t) {
    return t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT;
  }
}
