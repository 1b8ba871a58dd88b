package dev.railyard.rules.pattern;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.event.ruler.JsonRuleCompiler;
import software.amazon.event.ruler.Machine;
import software.amazon.event.ruler.Patterns;
import software.amazon.event.ruler.RuleCompiler;

/**
 * event-ruler asked about a pattern in parts. {@link #byBranch} puts every {@code $or} branch into
 * a Machine of its own; {@link #matches} goes further and puts every choice of one value per field
 * of every branch into a Machine of its own. By the language's definition ($or branches OR, fields
 * AND, values OR) the pattern matches when any part does; where a whole-pattern Machine says
 * otherwise, it is a defect of its shared automaton (a branch dropped as a duplicate of an earlier
 * one; a wildcard next to an equals-ignore-case in one field), not a semantic the engine should
 * copy. docs/patterns.md lists them.
 */
final class SplitOracle {

  private static final int MAX_COMBINATIONS = 512;

  private SplitOracle() {}

  /** Whether some {@code $or} branch, alone in a Machine, matches; null when event-ruler can't. */
  static Boolean byBranch(String pattern, String event) {
    List<Map<String, List<Patterns>>> branches = branches(pattern);
    if (branches == null) {
      return null;
    }
    for (Map<String, List<Patterns>> branch : branches) {
      if (matchesAlone(branch, event)) {
        return true;
      }
    }
    return false;
  }

  /** The split answer, or null when the pattern has too many combinations to ask. */
  static Boolean matches(String pattern, String event) {
    List<Map<String, List<Patterns>>> branches = branches(pattern);
    if (branches == null) {
      return null;
    }
    List<Map<String, List<Patterns>>> combinations = new ArrayList<>();
    for (Map<String, List<Patterns>> branch : branches) {
      expand(new ArrayList<>(branch.entrySet()), 0, new HashMap<>(), combinations);
      if (combinations.size() > MAX_COMBINATIONS) {
        return null;
      }
    }
    for (Map<String, List<Patterns>> combination : combinations) {
      if (matchesAlone(combination, event)) {
        return true;
      }
    }
    return false;
  }

  private static List<Map<String, List<Patterns>>> branches(String pattern) {
    try {
      return JsonRuleCompiler.compile(pattern);
    } catch (Exception e) {
      try {
        return List.of(RuleCompiler.compile(pattern));
      } catch (Exception again) {
        return null;
      }
    }
  }

  private static boolean matchesAlone(Map<String, List<Patterns>> rule, String event) {
    Machine machine = new Machine();
    try {
      machine.addPatternRule("r", rule);
    } catch (RuntimeException e) {
      // a part event-ruler cannot hold alone (an empty anything-but list) matches nothing
      return false;
    }
    return DifferentialTest.ruler(machine, event);
  }

  private static void expand(
      List<Map.Entry<String, List<Patterns>>> fields,
      int index,
      Map<String, List<Patterns>> chosen,
      List<Map<String, List<Patterns>>> out) {
    if (out.size() > MAX_COMBINATIONS) {
      return;
    }
    if (index == fields.size()) {
      out.add(new HashMap<>(chosen));
      return;
    }
    Map.Entry<String, List<Patterns>> field = fields.get(index);
    for (Patterns value : field.getValue()) {
      chosen.put(field.getKey(), List.of(value));
      expand(fields, index + 1, chosen, out);
    }
    chosen.remove(field.getKey());
  }
}
