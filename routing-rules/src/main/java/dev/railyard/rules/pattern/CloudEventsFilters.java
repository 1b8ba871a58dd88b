package dev.railyard.rules.pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The filter dialects of the CloudEvents Subscriptions API ({@code exact}, {@code prefix}, {@code
 * suffix}, {@code all}, {@code any}, {@code not}), so a subscription's {@code filters} array can be
 * used as a pattern as it is. Attributes are the top-level members of a structured-mode CloudEvent;
 * a string attribute compares by its value, any other by its JSON text. Stateless.
 */
final class CloudEventsFilters {

  private static final String HINT =
      "a CloudEvents filter is {\"exact\"|\"prefix\"|\"suffix\": {\"attribute\": "
          + "\"value\"}}, {\"all\"|\"any\": [filters]} or {\"not\": filter}";

  private CloudEventsFilters() {}

  /** A JSON array at the top is a filters list: an EventBridge pattern is always an object. */
  static boolean looksLikeFilters(String json) {
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (!Character.isWhitespace(c)) {
        return c == '[';
      }
    }
    return false;
  }

  static Rule.Compiled compile(String json, PathTrie trie) {
    List<Problem> problems = new ArrayList<>();
    try (JsonParser parser = PatternParser.JSON.createParser(json)) {
      TokenReader in = new TokenReader(parser);
      in.next();
      Rule rule = new Parser(in, trie, problems).list("filters", 0);
      if (in.next() != null) {
        problems.add(in.problem("", "unexpected content after the filters", HINT));
      }
      return new Rule.Compiled(problems.isEmpty() ? rule : null, problems);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (UncheckedIOException e) {
      problems.add(new Problem(0, 0, "", "invalid JSON: " + e.getCause().getMessage(), HINT));
      return new Rule.Compiled(null, problems);
    } catch (Bad fatal) {
      problems.add(fatal.problem);
      return new Rule.Compiled(null, problems);
    }
  }

  /** Recursive-descent parser of filter expressions. */
  private record Parser(TokenReader in, PathTrie trie, List<Problem> problems) {

    /** Parses an array of filters (START_ARRAY already read) into their conjunction. */
    Rule list(String path, int depth) {
      List<Rule> filters = new ArrayList<>();
      for (JsonToken t = in.next(); t != JsonToken.END_ARRAY; t = in.next()) {
        Rule f = filter(t, path + '[' + filters.size() + ']', depth + 1);
        filters.add(f);
      }
      if (filters.isEmpty()) {
        problems.add(in.problem(path, "a filter list needs at least one filter", HINT));
      }
      return new All(filters.toArray(new Rule[0]));
    }

    private Rule filter(JsonToken t, String path, int depth) {
      if (t != JsonToken.START_OBJECT || in.next() != JsonToken.FIELD_NAME) {
        problems.add(in.problem(path, "a filter is an object with one dialect key", HINT));
        in.skipValue();
        return NONE;
      }
      if (depth > Limits.MAX_DEPTH) {
        throw new Bad(in.problem(path, "filters are nested too deeply", HINT), true);
      }
      int inside = in.depth();
      String dialect = in.name();
      try {
        Rule rule = dialect(dialect, path + '.' + dialect, depth);
        if (in.next() != JsonToken.END_OBJECT) {
          throw in.bad(path, "a filter has exactly one dialect key", HINT);
        }
        return rule;
      } catch (Bad bad) {
        if (bad.fatal) {
          throw bad;
        }
        problems.add(bad.problem);
        in.skipTo(inside - 1);
        return NONE;
      }
    }

    private Rule dialect(String dialect, String path, int depth) {
      JsonToken t = in.next();
      switch (dialect) {
        case "exact":
        case "prefix":
        case "suffix":
          return attribute(dialect, t, path);
        case "all":
        case "any":
          if (t != JsonToken.START_ARRAY) {
            return bad(path, dialect + " needs an array of filters");
          }
          All all = (All) list(path, depth);
          return dialect.equals("all") ? all : new Any(all.filters());
        case "not":
          return new Not(filter(t, path, depth));
        case "sql":
          return bad(path, "the sql dialect (CESQL) is not supported");
        default:
          return bad(path, "unknown filter dialect \"" + dialect + "\"");
      }
    }

    private Rule attribute(String dialect, JsonToken t, String path) {
      if (t != JsonToken.START_OBJECT || in.next() != JsonToken.FIELD_NAME) {
        return bad(path, dialect + " needs an object with one attribute");
      }
      String name = in.name();
      if (!name.matches("[a-z0-9]{1,20}") || name.equals("data") || name.equals("data_base64")) {
        return bad(
            path,
            "\""
                + name
                + "\" is not a CloudEvents context attribute name "
                + "(lower-case letters and digits)");
      }
      if (in.next() != JsonToken.VALUE_STRING) {
        return bad(path + '.' + name, dialect + " compares with a string");
      }
      String value = in.text();
      if (in.next() != JsonToken.END_OBJECT) {
        return bad(path, dialect + " takes exactly one attribute");
      }
      return new Compare(dialect.charAt(0), trie.slot(name), value);
    }

    private Rule bad(String path, String message) {
      throw in.bad(path, message, HINT);
    }
  }

  private static final Rule NONE = (event, membership) -> false;

  /** {@code exact}, {@code prefix} ('p') or {@code suffix} ('s') on one attribute. */
  private record Compare(char how, int slot, String value) implements Rule {
    @Override
    public boolean matches(EventBuffer event, Membership membership) {
      for (int v = event.first(slot); v >= 0; v = event.next(v)) {
        String text = event.text(v);
        boolean hit =
            how == 'e'
                ? text.equals(value)
                : how == 'p' ? text.startsWith(value) : text.endsWith(value);
        if (hit && event.kind(v) != EventBuffer.NULL) {
          return true;
        }
      }
      return false;
    }
  }

  private record All(Rule[] filters) implements Rule {
    @Override
    public boolean matches(EventBuffer event, Membership membership) {
      for (Rule f : filters) {
        if (!f.matches(event, membership)) {
          return false;
        }
      }
      return true;
    }
  }

  private record Any(Rule[] filters) implements Rule {
    @Override
    public boolean matches(EventBuffer event, Membership membership) {
      for (Rule f : filters) {
        if (f.matches(event, membership)) {
          return true;
        }
      }
      return false;
    }
  }

  private record Not(Rule filter) implements Rule {
    @Override
    public boolean matches(EventBuffer event, Membership membership) {
      return !filter.matches(event, membership);
    }
  }
}
