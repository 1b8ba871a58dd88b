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
 * event-ruler asked about a pattern one combination at a time: every {@code $or} branch and every
 * choice of one value per field goes into a Machine of its own. By the language's definition
 * (fields AND, values OR) the pattern matches when any combination does; where a whole-pattern
 * Machine says otherwise, it is a defect of its shared automaton (e.g. a wildcard next to an
 * equals-ignore-case in one field), not a semantic the engine should copy.
 */
final class SplitOracle {

  private static final int MAX_COMBINATIONS = 512;

  private SplitOracle() {}

  /** The split answer, or null when the pattern has too many combinations to ask. */
  static Boolean matches(String pattern, String event) {
    List<Map<String, List<Patterns>>> branches;
    try {
      branches = JsonRuleCompiler.compile(pattern);
    } catch (Exception e) {
      try {
        branches = List.of(RuleCompiler.compile(pattern));
      } catch (Exception again) {
        return null;
      }
    }
    List<Map<String, List<Patterns>>> combinations = new ArrayList<>();
    for (Map<String, List<Patterns>> branch : branches) {
      expand(new ArrayList<>(branch.entrySet()), 0, new HashMap<>(), combinations);
      if (combinations.size() > MAX_COMBINATIONS) {
        return null;
      }
    }
    for (Map<String, List<Patterns>> combination : combinations) {
      Machine machine = new Machine();
      try {
        // a combination event-ruler cannot hold alone (an empty anything-but list) matches nothing
        machine.addPatternRule("r", combination);
      } catch (RuntimeException e) {
        continue;
      }
      if (DifferentialTest.ruler(machine, event)) {
        return true;
      }
    }
    return false;
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
