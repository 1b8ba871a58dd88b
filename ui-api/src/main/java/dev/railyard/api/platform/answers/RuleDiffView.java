package dev.railyard.api.platform.answers;

import java.util.List;

/**
 * What applying a rule file did, or would do on a dry run.
 *
 * @param dryRun true when nothing was changed
 * @param rules one entry per rule of the file, in the file's order, then the rules pruned
 */
public record RuleDiffView(boolean dryRun, List<Change> rules) {

  public RuleDiffView {
    rules = List.copyOf(rules);
  }

  /**
   * One rule's change.
   *
   * @param name the rule
   * @param action {@code created}, {@code updated}, {@code unchanged} or {@code deleted}
   */
  public record Change(String name, String action) {}
}
