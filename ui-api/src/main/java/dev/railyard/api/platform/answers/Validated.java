package dev.railyard.api.platform.answers;

import java.util.List;

/**
 * A rule file that would apply as it is.
 *
 * @param valid true
 * @param rules the names of its rules, in the file's order
 */
public record Validated(boolean valid, List<String> rules) {

  public Validated {
    rules = List.copyOf(rules);
  }
}
