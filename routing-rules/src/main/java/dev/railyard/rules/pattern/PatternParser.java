package dev.railyard.rules.pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses an EventBridge pattern into its {@code $or}-expanded branches, each a map from dotted path
 * to field, the way event-ruler's {@code Machine.addRule} reads it: fields AND, a later duplicate
 * path replaces an earlier one, and a malformed {@code $or} makes the whole pattern fall back to
 * the older grammar in which {@code $or} is a plain field. Collects every problem it can find. Not
 * thread-safe; one instance per parse.
 */
final class PatternParser {

  static final JsonFactory JSON = JsonFactory.builder().build();

  private static final Set<String> RESERVED_IN_OR =
      Set.of(
          "exactly",
          "equals-ignore-case",
          "prefix",
          "suffix",
          "anything-but",
          "exists",
          "wildcard",
          "numeric",
          "cidr",
          "=",
          "<",
          "<=",
          ">",
          ">=",
          "regex",
          "not-wildcard",
          "not-equals-ignore-case",
          "date-after",
          "date-on-or-after",
          "date-before",
          "date-on-or-before",
          "in-date-range",
          "ip-address-in-range",
          "ip-address-not-in-range");

  /** The outcome: branches when {@code problems} is empty. */
  record Result(
      List<Map<String, FieldSpec>> branches, List<Problem> problems, boolean syntaxError) {}

  private final TokenReader in;
  private final boolean withOr;
  private final OperatorParser operators;
  private final List<Problem> problems = new ArrayList<>();
  private Problem broken;

  private PatternParser(JsonParser parser, boolean withOr) {
    this.in = new TokenReader(parser);
    this.withOr = withOr;
    this.operators = new OperatorParser(in, !withOr);
  }

  static Result parse(String json) {
    if (json.length() > Limits.MAX_PATTERN_CHARS) {
      return new Result(
          List.of(),
          List.of(
              new Problem(
                  1,
                  1,
                  "",
                  "the pattern is longer than " + Limits.MAX_PATTERN_CHARS + " characters",
                  "split it into several rules")),
          false);
    }
    Result current = run(json, true);
    if (current.problems.isEmpty() || current.syntaxError) {
      return current;
    }
    Result legacy = run(json, false);
    return legacy.problems.isEmpty() ? legacy : current;
  }

  private static Result run(String json, boolean withOr) {
    try (JsonParser parser = JSON.createParser(json)) {
      return new PatternParser(parser, withOr).root();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Result root() {
    List<Map<String, FieldSpec>> branches = new ArrayList<>();
    try {
      if (in.next() != JsonToken.START_OBJECT) {
        problems.add(in.problem("", "the pattern is not a JSON object", Hints.ROOT));
        return new Result(branches, problems, false);
      }
      object(branches, "", "", false);
      if (in.next() != null) {
        problems.add(in.problem("", "unexpected content after the pattern", Hints.ROOT));
      }
      surviving(branches);
    } catch (UncheckedIOException e) {
      problems.add(syntax(e.getCause()));
      return new Result(branches, problems, true);
    } catch (Bad fatal) {
      problems.add(fatal.problem);
    }
    return new Result(branches, problems, false);
  }

  private void surviving(List<Map<String, FieldSpec>> branches) {
    branches.stream()
        .flatMap(b -> b.values().stream())
        .map(FieldSpec::broken)
        .filter(java.util.Objects::nonNull)
        .distinct()
        .forEach(problems::add);
  }

  private Problem syntax(IOException e) {
    if (e instanceof JsonProcessingException jpe && jpe.getLocation() != null) {
      JsonLocation at = jpe.getLocation();
      return new Problem(
          at.getLineNr(),
          at.getColumnNr(),
          "",
          "invalid JSON: " + jpe.getOriginalMessage(),
          "check brackets, quotes and commas");
    }
    return new Problem(
        0, 0, "", "invalid JSON: " + e.getMessage(), "check brackets, quotes and commas");
  }

  private void object(
      List<Map<String, FieldSpec>> branches, String prefix, String where, boolean inOr) {
    Problem empty = in.problem(where, "empty objects are not allowed", Hints.FIELD);
    if (in.depth() > Limits.MAX_DEPTH) {
      throw new Bad(in.problem(where, "the pattern is nested too deeply", Hints.FIELD), true);
    }
    boolean any = false;
    for (JsonToken t = in.next(); t != JsonToken.END_OBJECT; t = in.next()) {
      any = true;
      String name = in.name();
      String here = join(where, name);
      if (withOr && name.equals("$or")) {
        or(branches, prefix, here);
        continue;
      }
      if (inOr && RESERVED_IN_OR.contains(name)) {
        problems.add(
            in.problem(
                here,
                "\"" + name + "\" is an operator and cannot name a field inside $or",
                "put operators inside a field's value list: \"field\": [{\"" + name + "\": ...}]"));
        in.next();
        in.skipValue();
        continue;
      }
      field(branches, prefix.isEmpty() ? name : prefix + '.' + name, here, inOr);
    }
    if (!any) {
      problems.add(empty);
    }
  }

  private void field(
      List<Map<String, FieldSpec>> branches, String path, String here, boolean inOr) {
    JsonToken t = in.next();
    if (t == JsonToken.START_OBJECT) {
      object(branches, path, here, inOr);
    } else if (t == JsonToken.START_ARRAY) {
      values(branches, path, here);
    } else {
      problems.add(
          in.problem(
              here, "a field must hold an object or an array, not " + in.text(), Hints.FIELD));
    }
  }

  private void or(List<Map<String, FieldSpec>> branches, String prefix, String where) {
    List<Map<String, FieldSpec>> before = copy(branches);
    branches.clear();
    if (in.next() != JsonToken.START_ARRAY) {
      problems.add(in.problem(where, "$or must be followed by an array", Hints.OR));
      in.skipValue();
      return;
    }
    Problem tooFew = in.problem(where, "$or needs at least two objects", Hints.OR);
    int count = 0;
    for (JsonToken t = in.next(); t != JsonToken.END_ARRAY; t = in.next()) {
      String here = where + '[' + count++ + ']';
      if (t != JsonToken.START_OBJECT) {
        problems.add(in.problem(here, "only objects are allowed in $or", Hints.OR));
        in.skipValue();
        continue;
      }
      List<Map<String, FieldSpec>> branch = copy(before);
      if (branch.isEmpty()) {
        branch.add(new LinkedHashMap<>());
      }
      object(branch, prefix, here, true);
      branches.addAll(branch);
      if (branches.size() > Limits.MAX_OR_COMBINATIONS) {
        throw new Bad(
            in.problem(
                here,
                "$or expands to more than " + Limits.MAX_OR_COMBINATIONS + " combinations",
                "simplify the pattern or split it into several rules"),
            true);
      }
    }
    if (count < 2) {
      problems.add(tooFew);
    }
  }

  private void values(List<Map<String, FieldSpec>> branches, String path, String here) {
    Problem empty = in.problem(here, "empty arrays are not allowed", Hints.VALUES);
    List<ValueTest> tests = new ArrayList<>();
    broken = null;
    boolean exists = false;
    boolean absent = false;
    int arrayDepth = in.depth();
    int count = 0;
    for (JsonToken t = in.next(); t != JsonToken.END_ARRAY; t = in.next()) {
      count++;
      ValueTest test = value(t, here, arrayDepth, count == 1);
      if (test == Leaves.Exists.INSTANCE) {
        exists = true;
      } else if (test == OperatorParser.ABSENT) {
        absent = true;
      } else if (test != null) {
        tests.add(test);
      }
    }
    if (count == 0) {
      problems.add(empty);
      return;
    }
    put(branches, new FieldSpec(path, List.copyOf(tests), exists, absent, broken), here);
  }

  private ValueTest value(JsonToken t, String here, int arrayDepth, boolean first) {
    switch (t) {
      case START_OBJECT:
        try {
          return operators.parse(here, first);
        } catch (Bad bad) {
          if (bad.deferred) {
            broken = broken == null ? bad.problem : broken;
          } else {
            problems.add(bad.problem);
          }
          in.skipTo(arrayDepth);
          return null;
        }
      case VALUE_STRING:
        String s = in.text();
        byte[] ip = IpAddress.parse(s);
        return ip != null ? IpAddress.single(ip) : new Leaves.ExactString(s);
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        double d = Numbers.comparable(in.text());
        return Double.isNaN(d) ? new Leaves.NumberText(in.text()) : new Leaves.NumberEquals(d);
      case VALUE_TRUE:
        return new Leaves.Literal(EventBuffer.TRUE);
      case VALUE_FALSE:
        return new Leaves.Literal(EventBuffer.FALSE);
      case VALUE_NULL:
        return new Leaves.Literal(EventBuffer.NULL);
      default:
        problems.add(in.problem(here, "arrays cannot be nested in a value list", Hints.VALUES));
        in.skipValue();
        return null;
    }
  }

  private void put(List<Map<String, FieldSpec>> branches, FieldSpec field, String here) {
    if (branches.isEmpty()) {
      branches.add(new LinkedHashMap<>());
    }
    for (Map<String, FieldSpec> branch : branches) {
      branch.put(field.path(), field);
      if (branch.size() > Limits.MAX_FIELDS) {
        throw new Bad(
            in.problem(
                here,
                "more than " + Limits.MAX_FIELDS + " fields in one pattern",
                "split it into several rules"),
            true);
      }
    }
  }

  private static List<Map<String, FieldSpec>> copy(List<Map<String, FieldSpec>> branches) {
    List<Map<String, FieldSpec>> copy = new ArrayList<>(branches.size());
    for (Map<String, FieldSpec> branch : branches) {
      copy.add(new LinkedHashMap<>(branch));
    }
    return copy;
  }

  private static String join(String where, String name) {
    return where.isEmpty() ? name : where + '.' + name;
  }
}
