package dev.railyard.rules.yaml;

import dev.railyard.rules.model.Rule;
import java.util.List;

/**
 * What loading a rule file gave. A file with any problem yields no rules at all, so that applying a
 * result never applies part of a file.
 *
 * <p>Immutable and thread-safe; lists are unmodifiable and never null.
 *
 * @param rules the file's rules in file order (disabled ones included); empty when there are
 *     problems
 * @param problems every problem of every document, in file order; empty when the file is valid
 */
public record LoadResult(List<Rule> rules, List<Problem> problems) {

  public LoadResult {
    problems = List.copyOf(problems);
    rules = problems.isEmpty() ? List.copyOf(rules) : List.of();
  }

  /** Whether the file is valid, so its rules may be applied. */
  public boolean isValid() {
    return problems.isEmpty();
  }

  /**
   * The rules of a valid file.
   *
   * @throws RuleFileException with every problem when the file has any
   */
  public List<Rule> rulesOrThrow() {
    if (!problems.isEmpty()) {
      throw new RuleFileException(problems);
    }
    return rules;
  }
}
