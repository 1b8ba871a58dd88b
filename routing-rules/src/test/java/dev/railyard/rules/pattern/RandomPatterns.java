package dev.railyard.rules.pattern;

import java.util.List;
import java.util.Random;

/**
 * Seeded random EventBridge patterns over the {@link Corpus}: every operator, nesting, {@code $or}
 * (with mixed operators, and branches whose values overlap), wide cidr ranges that numbers can fall
 * into, and about one in eight with a deliberate mistake.
 */
final class RandomPatterns {

  private static final List<String> WILDCARDS =
      List.of(
          "*",
          "a*",
          "*b",
          "a*c",
          "*b*",
          "A*",
          "a\\\\*b",
          "a\\\\\\\\b",
          "**",
          "a\\\\b",
          "",
          "日*",
          "*😀",
          "*.*",
          "*a*b*c*",
          "x*y",
          "a**",
          "\\\\",
          "ab",
          "*\\\"*",
          "名前*",
          "1*0.0*.*0x",
          "1*",
          "*0",
          "*.*.*.*",
          "*e*");
  private static final List<String> CIDRS =
      List.of(
          "10.0.0.0/8",
          "10.0.0.0/24",
          "10.0.0.1/31",
          "10.0.0.1/32",
          "::/0",
          "2001:db8::/32",
          "::1/127",
          "::1/128",
          "1.2.3.4",
          "10.0.0.0/33",
          "x/8",
          "10.0.0.0/-1",
          "0.0.0.0/0",
          "192.168.0.0/16",
          "10.0.0.0/8/",
          "10.0.0.0/+8",
          "10.0.0.0/08",
          "/8",
          "10.0.0.0/ 8",
          // wide ranges, which a number's text can fall into by its first digits
          "0.0.0.0/1",
          "0.0.0.0/24",
          "10.0.0.01/0",
          "10.0.0.200/1",
          "128.0.0.0/1",
          "255.255.255.255/31",
          "fe80::/16",
          "::/1",
          "8000::/1");
  private static final List<String> OPS = List.of("=", "<", "<=", ">", ">=", "!=", "");

  private final Random random;
  private boolean mistakes;

  RandomPatterns(Random random) {
    this.random = random;
  }

  String pattern() {
    mistakes = random.nextInt(8) == 0;
    return object(0, false);
  }

  private boolean oops() {
    return mistakes && random.nextInt(6) == 0;
  }

  private String object(int depth, boolean inOr) {
    StringBuilder sb = new StringBuilder("{");
    int n = oops() ? 0 : 1 + random.nextInt(depth == 0 ? 3 : 2);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(',');
      }
      if (depth < 3 && random.nextInt(8) == 0) {
        sb.append("\"$or\":").append(or(depth));
        continue;
      }
      String key =
          random.nextInt(40) == 0
              ? Corpus.pick(random, List.of("prefix", "numeric", "exists"))
              : Corpus.patternKey(random);
      sb.append(Corpus.quote(key)).append(':').append(field(depth, inOr));
    }
    return sb.append('}').toString();
  }

  private String or(int depth) {
    if (oops()) {
      return Corpus.pick(
          random,
          List.of("[]", "{\"a\":[1]}", "[\"a\",\"b\"]", "[{\"prefix\":\"a\"},{\"suffix\":\"b\"}]"));
    }
    if (random.nextInt(6) == 0) {
      return overlappingBranches();
    }
    int n = mistakes && random.nextInt(4) == 0 ? 1 : 2 + random.nextInt(2);
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      sb.append(i > 0 ? "," : "").append(object(depth + 1, true));
    }
    return sb.append(']').toString();
  }

  /**
   * Two branches on one key where one's values include the other's, e.g. {@code [{"k":["x"]},
   * {"k":["x","y"]}]}: event-ruler drops the wider branch when it comes second.
   */
  private String overlappingBranches() {
    String key = Corpus.quote(Corpus.patternKey(random));
    String shared = value();
    String narrow = "{" + key + ":[" + shared + "]}";
    String wide = "{" + key + ":[" + shared + "," + value() + "]}";
    return random.nextBoolean() ? "[" + narrow + "," + wide + "]" : "[" + wide + "," + narrow + "]";
  }

  private String field(int depth, boolean inOr) {
    int roll = random.nextInt(100);
    if (oops()) {
      return Corpus.pick(random, List.of("1", "\"a\"", "[]", "[[1]]", "null", "{}", "[{}]"));
    }
    if (depth < 3 && roll < 20) {
      return object(depth + 1, inOr);
    }
    if (roll < 23) {
      return "[null]";
    }
    StringBuilder sb = new StringBuilder("[");
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      sb.append(i > 0 ? "," : "").append(value());
    }
    return sb.append(']').toString();
  }

  private String value() {
    int roll = random.nextInt(100);
    if (roll < 30) {
      return new RandomEvents(random).leaf();
    }
    return operator();
  }

  private String str() {
    String s = Corpus.string(random);
    if (random.nextInt(3) == 0 && s.length() > 1) {
      int a = random.nextInt(s.length());
      s = random.nextBoolean() ? s.substring(0, a) : s.substring(a);
    }
    return Corpus.quote(s);
  }

  private String operator() {
    switch (random.nextInt(13)) {
      case 0:
        return "{\"prefix\":" + caseOr(str()) + extra() + "}";
      case 1:
        return "{\"suffix\":" + caseOr(str()) + extra() + "}";
      case 2:
        return "{\"equals-ignore-case\":" + str() + extra() + "}";
      case 3:
        return "{\"exactly\":" + (oops() ? "1" : str()) + "}";
      case 4:
        return "{\"wildcard\":\"" + Corpus.pick(random, WILDCARDS) + "\"" + extra() + "}";
      case 5:
      case 6:
        return "{\"anything-but\":" + anythingBut() + "}";
      case 7:
      case 8:
        return "{\"numeric\":" + numeric() + extra() + "}";
      case 9:
        return "{\"exists\":" + (oops() ? "\"yes\"" : random.nextBoolean()) + extra() + "}";
      case 10:
        return "{\"cidr\":\"" + Corpus.pick(random, CIDRS) + "\"}";
      case 11:
        return oops() ? "{\"nope\":1}" : "{\"exists\":" + random.nextBoolean() + "}";
      default:
        return oops() ? "{}" : "{\"prefix\":" + str() + "}";
    }
  }

  private String caseOr(String s) {
    return random.nextInt(4) == 0
        ? "{\"equals-ignore-case\":" + s + (oops() ? ",\"x\":1" : "") + "}"
        : s;
  }

  private String extra() {
    return oops() ? ",\"suffix\":\"b\"" : "";
  }

  private String anythingBut() {
    int roll = random.nextInt(12);
    switch (roll) {
      case 0:
        return str();
      case 1:
        return Corpus.number(random);
      case 2:
        return "[" + str() + "," + str() + "]";
      case 3:
        return "[" + Corpus.number(random) + "," + Corpus.number(random) + "]";
      case 4:
        return oops() ? "[" + str() + ",1]" : "[]";
      case 5:
        return oops() ? "null" : "[" + str() + "]";
      case 6:
        return "{\"prefix\":"
            + (random.nextBoolean() ? str() : "[" + str() + "," + str() + "]")
            + "}";
      case 7:
        return "{\"suffix\":" + (random.nextBoolean() ? str() : "[" + str() + "]") + "}";
      case 8:
        return "{\"equals-ignore-case\":"
            + (random.nextBoolean() ? str() : "[" + str() + "," + str() + "]")
            + "}";
      case 9:
        return "{\"wildcard\":"
            + (random.nextBoolean()
                ? "\"" + Corpus.pick(random, WILDCARDS) + "\""
                : "[\"" + Corpus.pick(random, WILDCARDS) + "\"]")
            + "}";
      case 10:
        return oops() ? "{\"numeric\":[\">\",1]}" : "{\"prefix\":[]}";
      default:
        return random.nextBoolean()
            ? "{\"equals-ignore-case\":[]}"
            : "[" + Corpus.number(random) + "]";
    }
  }

  private String numeric() {
    String op1 =
        random.nextInt(10) == 0 ? Corpus.pick(random, OPS) : Corpus.pick(random, OPS.subList(0, 5));
    StringBuilder sb =
        new StringBuilder("[\"").append(op1).append("\",").append(Corpus.number(random));
    if ((op1.startsWith(">") && random.nextBoolean()) || oops()) {
      String op2 =
          random.nextInt(8) == 0 ? Corpus.pick(random, OPS) : (random.nextBoolean() ? "<" : "<=");
      sb.append(",\"").append(op2).append("\",").append(Corpus.number(random));
    }
    if (oops()) {
      sb.append(random.nextBoolean() ? ",1" : ",\"x\"");
    }
    return sb.append(']').toString();
  }
}
