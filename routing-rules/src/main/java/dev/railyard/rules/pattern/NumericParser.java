package dev.railyard.rules.pattern;

import com.fasterxml.jackson.core.JsonToken;

/**
 * Parses {@code {"numeric": [...]}} after its name was read: one comparison or a range, as
 * event-ruler allows.
 */
final class NumericParser {

  private static final double MAX = Double.MAX_VALUE;

  private final TokenReader in;
  private final String path;

  NumericParser(TokenReader in, String path) {
    this.in = in;
    this.path = path;
  }

  ValueTest parse() {
    if (in.next() != JsonToken.START_ARRAY) {
      throw bad("numeric needs an array");
    }
    ValueTest test = null;
    Bad unholdable = null;
    try {
      test = expression();
    } catch (Bad b) {
      if (!b.deferred) {
        throw b;
      }
      unholdable = b;
    }
    // event-ruler's compiler rejects a second key at once, and a range it cannot hold only later
    if (in.next() != JsonToken.END_OBJECT) {
      throw bad("only one key is allowed in an operator object");
    }
    if (unholdable != null) {
      throw unholdable;
    }
    return test;
  }

  private ValueTest expression() {
    if (in.next() != JsonToken.VALUE_STRING) {
      throw bad("numeric needs an operator first, not " + in.text());
    }
    String op = in.text();
    JsonToken t = in.next();
    switch (op) {
      case "=":
        double value = number(t, op);
        endArray("too many elements in numeric expression");
        return new Leaves.NumberEquals(value);
      case ">":
      case ">=":
        double low = number(t, op);
        t = in.next();
        if (t == JsonToken.END_ARRAY) {
          return range(low, op.equals(">"), MAX, false);
        }
        return upperBound(t, low, op.equals(">"));
      case "<":
      case "<=":
        double high = number(t, op);
        endArray("too many elements in numeric expression");
        return range(-MAX, false, high, op.equals("<"));
      default:
        throw bad("unknown numeric operator \"" + op + "\"");
    }
  }

  private ValueTest upperBound(JsonToken t, double low, boolean lowOpen) {
    if (t != JsonToken.VALUE_STRING) {
      throw bad("a range continues with < or <=, not " + in.text());
    }
    String op = in.text();
    if (!op.equals("<") && !op.equals("<=")) {
      throw bad("a range continues with < or <=, not " + op);
    }
    double high = number(in.next(), op);
    endArray("too many terms in numeric range expression");
    if (low >= high) {
      throw bad("the lower bound of a range must be below the upper bound");
    }
    return range(low, lowOpen, high, op.equals("<"));
  }

  private ValueTest range(double low, boolean lowOpen, double high, boolean highOpen) {
    if (low == high) {
      // event-ruler cannot hold a range whose two ends are both the largest (or smallest) double
      throw in.deferred(
          path, "the range is empty: a bound at the limit of the double range", Hints.NUMERIC);
    }
    return new Leaves.Range(low, lowOpen, high, highOpen);
  }

  private double number(JsonToken t, String op) {
    if (!TokenReader.isNumber(t)) {
      throw bad("the value of " + op + " must be a number");
    }
    double d = Numbers.comparable(in.text());
    if (Double.isNaN(d)) {
      throw bad(in.text() + " cannot be compared: it is not exactly a finite double");
    }
    return d;
  }

  private void endArray(String message) {
    if (in.next() != JsonToken.END_ARRAY) {
      throw bad(message);
    }
  }

  private Bad bad(String message) {
    return in.bad(path, message, Hints.NUMERIC);
  }
}
