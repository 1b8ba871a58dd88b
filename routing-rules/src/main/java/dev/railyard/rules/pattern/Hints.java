package dev.railyard.rules.pattern;

/** What is valid where a pattern went wrong, shown next to each problem. */
final class Hints {

  static final String OPERATORS =
      "operators are prefix, suffix, equals-ignore-case, wildcard, anything-but, "
          + "numeric, exists, cidr, exactly, regex";
  static final String VALUES =
      "values are strings, numbers, true, false, null or an operator object such as "
          + "{\"prefix\": \"a\"}";
  static final String FIELD =
      "a field holds an array of values, e.g. \"source\": [\"aws.ec2\"], or an object "
          + "of fields";
  static final String ROOT =
      "a pattern is a JSON object of fields, e.g. {\"source\": [\"orders\"]}";
  static final String OR =
      "\"$or\": [{...}, {...}] needs an array of at least two objects of fields";
  static final String PREFIX =
      "{\"prefix\": \"text\"} or {\"prefix\": {\"equals-ignore-case\": \"text\"}}";
  static final String SUFFIX =
      "{\"suffix\": \"text\"} or {\"suffix\": {\"equals-ignore-case\": \"text\"}}";
  static final String NUMERIC =
      "numeric needs an operator followed by a number: {\"numeric\": [\">\", 0, "
          + "\"<=\", 5]}; operators are =, <, <=, >, >=; a range is > or >= then < or <=";
  static final String ANYTHING_BUT =
      "{\"anything-but\": \"a\"}, [\"a\", \"b\"], 5, [1, 2] or "
          + "{\"anything-but\": {\"prefix\"|\"suffix\"|\"equals-ignore-case\"|\"wildcard\": \"a\" or [\"a\"]}}";
  static final String EXISTS = "{\"exists\": true} or {\"exists\": false}";
  static final String CIDR =
      "{\"cidr\": \"10.0.0.0/24\"} or {\"cidr\": \"2001:db8::/32\"}; the mask is below "
          + "32 (IPv4) or 128 (IPv6)";
  static final String WILDCARD =
      "{\"wildcard\": \"a*b\"}: * matches any text, \\\\* and \\\\\\\\ escape, ** is "
          + "not allowed";
  static final String STRING_OPERAND = "the operator takes one string: {\"%s\": \"text\"}";
  static final String REGEX =
      "{\"regex\": \"^ab+c$\"} with RE2 syntax; the whole string has to match";
  static final String SINGLE_KEY = "an operator object has exactly one key";

  private Hints() {}
}
