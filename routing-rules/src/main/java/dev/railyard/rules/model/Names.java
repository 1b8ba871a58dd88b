package dev.railyard.rules.model;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The naming rules of rules, targets and buses. Rule and target names become parts of Kafka topic
 * names ({@code railyard.to.<rule>.<target>}) and connector names, so they are short DNS-like
 * labels; bus names become parts of topic names ({@code railyard.bus.<bus>}).
 *
 * <p>Stateless and thread-safe. Methods reject null.
 */
public final class Names {

  /**
   * Rule and target names: 1 to 63 lowercase letters, digits and '-', starting and ending with a
   * letter or digit.
   */
  public static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  /** Bus names: 1 to 200 letters, digits, '_' and '-', starting with a letter or digit. */
  public static final Pattern BUS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,199}");

  private static final String LABEL_RULE =
      "use 1 to 63 lowercase letters, digits and '-', starting and ending "
          + "with a letter or digit (it becomes part of Kafka topic and connector names)";
  private static final String BUS_RULE =
      "use 1 to 200 letters, digits, '_' and '-', starting with a letter or "
          + "digit (it becomes part of a Kafka topic name)";

  private Names() {}

  /** Why {@code name} is not a valid rule name, or empty when it is. */
  public static Optional<String> ruleNameProblem(String name) {
    return problem(name, LABEL, "rule name", LABEL_RULE);
  }

  /** Why {@code name} is not a valid target name, or empty when it is. */
  public static Optional<String> targetNameProblem(String name) {
    return problem(name, LABEL, "target name", LABEL_RULE);
  }

  /** Why {@code name} is not a valid bus name, or empty when it is. */
  public static Optional<String> busNameProblem(String name) {
    return problem(name, BUS, "bus name", BUS_RULE);
  }

  static void require(Optional<String> problem) {
    problem.ifPresent(
        p -> {
          throw new IllegalArgumentException(p);
        });
  }

  private static Optional<String> problem(String name, Pattern valid, String what, String rule) {
    if (valid.matcher(name).matches()) {
      return Optional.empty();
    }
    return Optional.of("'" + name + "' is not a valid " + what + "; " + rule);
  }
}
