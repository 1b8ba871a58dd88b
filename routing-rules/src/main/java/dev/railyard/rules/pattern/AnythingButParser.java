package dev.railyard.rules.pattern;

import com.fasterxml.jackson.core.JsonToken;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses {@code {"anything-but": ...}} after its name was read, in event-ruler's current or legacy
 * grammar.
 */
final class AnythingButParser {

  private final TokenReader in;
  private final boolean legacy;
  String path = "";
  private boolean firstInList;

  AnythingButParser(TokenReader in, boolean legacy) {
    this.in = in;
    this.legacy = legacy;
  }

  ValueTest parse(boolean firstInList) {
    this.firstInList = firstInList;
    JsonToken t = in.next();
    String inner = null;
    if (t == JsonToken.START_OBJECT) {
      if (in.next() != JsonToken.FIELD_NAME) {
        throw bad("anything-but operator name not found");
      }
      inner = in.name();
      boolean known =
          inner.equals("equals-ignore-case")
              || inner.equals("prefix")
              || inner.equals("suffix")
              || (!legacy && inner.equals("wildcard"));
      if (!known) {
        throw bad("unsupported anything-but operator \"" + inner + "\"");
      }
      t = in.next();
      if (legacy && !inner.equals("equals-ignore-case") && t != JsonToken.VALUE_STRING) {
        throw bad("anything-but " + inner + " needs a string");
      }
    }
    if (t != JsonToken.START_ARRAY && t != JsonToken.VALUE_STRING && !TokenReader.isNumber(t)) {
      throw bad("anything-but needs a string, a number or an array of them");
    }
    ValueTest test = null;
    Bad unholdable = null;
    try {
      test = inner == null ? plain(t) : withOperator(inner, t);
    } catch (Bad b) {
      if (!b.deferred) {
        throw b;
      }
      unholdable = b;
    }
    // a second key is rejected at once, before the empty list event-ruler only fails on later
    closeObject();
    if (inner != null) {
      closeObject();
    }
    if (unholdable != null) {
      throw unholdable;
    }
    return test;
  }

  private ValueTest plain(JsonToken first) {
    Set<String> strings = new HashSet<>();
    List<Double> numbers = new ArrayList<>();
    if (first == JsonToken.START_ARRAY) {
      for (JsonToken t = in.next(); t != JsonToken.END_ARRAY; t = in.next()) {
        addPlain(t, strings, numbers);
      }
    } else {
      addPlain(first, strings, numbers);
    }
    if (strings.isEmpty() == numbers.isEmpty()) {
      throw bad("anything-but takes either only strings or only numbers, and at least one");
    }
    if (!strings.isEmpty()) {
      return new AnythingBut.Strings(strings);
    }
    return new AnythingBut.Numbers(numbers.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private void addPlain(JsonToken t, Set<String> strings, List<Double> numbers) {
    if (t == JsonToken.VALUE_STRING) {
      strings.add(Text.normalize(in.text()));
    } else if (TokenReader.isNumber(t)) {
      double d = Numbers.comparable(in.text());
      if (Double.isNaN(d)) {
        throw bad(in.text() + " cannot be compared: it is not exactly a finite double");
      }
      numbers.add(d);
    } else {
      throw bad(
          "anything-but lists hold strings or numbers, not objects, arrays, true, false or null");
    }
  }

  private ValueTest withOperator(String op, JsonToken first) {
    List<String> values = new ArrayList<>();
    if (first == JsonToken.START_ARRAY) {
      for (JsonToken t = in.next(); t != JsonToken.END_ARRAY; t = in.next()) {
        values.add(operand(op, t));
      }
    } else {
      values.add(operand(op, first));
    }
    if (values.isEmpty()) {
      if (firstInList) {
        // event-ruler fails on an empty anything-but list only when it opens the field's value list
        throw in.deferred(
            path, "anything-but " + op + " needs at least one value", Hints.ANYTHING_BUT);
      }
      return Leaves.NEVER;
    }
    return build(op, values);
  }

  private String operand(String op, JsonToken t) {
    if (t != JsonToken.VALUE_STRING) {
      throw bad("anything-but " + op + " takes strings only");
    }
    String text = Text.normalize(in.text());
    if (text.isEmpty() && (op.equals("prefix") || op.equals("suffix"))) {
      throw bad("an empty prefix or suffix is not allowed in anything-but");
    }
    return text;
  }

  private ValueTest build(String op, List<String> values) {
    switch (op) {
      case "prefix":
        return new AnythingBut.Prefixes(values.toArray(String[]::new));
      case "suffix":
        return new AnythingBut.Suffixes(values.toArray(String[]::new), false);
      case "equals-ignore-case":
        return new AnythingBut.IgnoreCase(
            values.stream()
                .map(v -> new CaseFold('"' + v + '"', CaseFold.Mode.EXACT))
                .toArray(CaseFold[]::new));
      default:
        OperatorParser wildcards = new OperatorParser(in, legacy);
        return new AnythingBut.Wildcards(
            values.stream().map(wildcards::wildcard).toArray(TextTests.Wildcard[]::new));
    }
  }

  private void closeObject() {
    if (in.next() != JsonToken.END_OBJECT) {
      throw bad("only one key is allowed in an operator object");
    }
  }

  private Bad bad(String message) {
    return in.bad(path, message, Hints.ANYTHING_BUT);
  }
}
