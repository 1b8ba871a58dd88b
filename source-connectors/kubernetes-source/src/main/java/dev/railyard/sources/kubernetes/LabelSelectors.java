package dev.railyard.sources.kubernetes;

import java.util.regex.Pattern;

/**
 * Checks a label selector as the API server reads it ({@code app=web,tier!=cache,env in (a,b),
 * !legacy}), so a bad one is refused at config time rather than by the first list. Stateless.
 */
final class LabelSelectors {

  static final String EXPECTED =
      "a label selector is comma-separated requirements: key, !key, key=value, key==value,"
          + " key!=value, key in (v1,v2) or key notin (v1,v2), e.g. app=web,tier!=cache";

  private static final String KEY =
      "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
          + "[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?";
  private static final String VALUE = "([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?";
  private static final Pattern REQUIREMENT =
      Pattern.compile(
          "\\s*(!?\\s*"
              + KEY
              + "|"
              + KEY
              + "\\s*(=|==|!=)\\s*"
              + VALUE
              + "|"
              + KEY
              + "\\s+(in|notin)\\s*\\(\\s*"
              + VALUE
              + "(\\s*,\\s*"
              + VALUE
              + ")*\\s*\\))\\s*");

  private LabelSelectors() {}

  /**
   * @return null when {@code selector} is valid (or empty), else what is wrong with it
   */
  static String problem(String selector) {
    if (selector == null || selector.isBlank()) {
      return null;
    }
    for (String requirement : split(selector)) {
      if (!REQUIREMENT.matcher(requirement).matches()) {
        return "'" + requirement.strip() + "' is not a requirement; " + EXPECTED;
      }
    }
    return null;
  }

  /** The requirements, split at the commas outside parentheses. */
  private static java.util.List<String> split(String selector) {
    java.util.List<String> parts = new java.util.ArrayList<>();
    int depth = 0;
    int from = 0;
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(selector.substring(from, i));
        from = i + 1;
      }
    }
    parts.add(selector.substring(from));
    return parts;
  }
}
