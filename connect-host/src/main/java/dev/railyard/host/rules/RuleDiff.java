package dev.railyard.host.rules;

import dev.railyard.api.platform.answers.RuleDiffView;
import dev.railyard.rules.model.Rule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What applying a file changes: per rule created, updated, unchanged or deleted. Immutable. */
record RuleDiff(
    Map<String, String> actions, List<Rule> changed, List<String> deleted, Set<String> buses) {

  static RuleDiff of(Map<String, Rule> current, List<Rule> file, boolean prune) {
    Map<String, String> actions = new LinkedHashMap<>();
    List<Rule> changed = new ArrayList<>();
    Set<String> buses = new HashSet<>();
    Set<String> inFile = new HashSet<>();
    for (Rule rule : file) {
      inFile.add(rule.name());
      Rule existing = current.get(rule.name());
      if (rule.equals(existing)) {
        actions.put(rule.name(), "unchanged");
        continue;
      }
      actions.put(rule.name(), existing == null ? "created" : "updated");
      changed.add(rule);
      buses.add(rule.bus());
      if (existing != null) {
        buses.add(existing.bus());
      }
    }
    List<String> deleted = new ArrayList<>();
    if (prune) {
      Set<String> fileBuses = new HashSet<>();
      file.forEach(r -> fileBuses.add(r.bus()));
      for (Rule rule : current.values()) {
        if (fileBuses.contains(rule.bus()) && !inFile.contains(rule.name())) {
          actions.put(rule.name(), "deleted");
          deleted.add(rule.name());
          buses.add(rule.bus());
        }
      }
    }
    return new RuleDiff(actions, List.copyOf(changed), List.copyOf(deleted), Set.copyOf(buses));
  }

  /** The rules in force once this diff is applied to {@code current}. */
  Map<String, Rule> after(Map<String, Rule> current) {
    Map<String, Rule> after = new LinkedHashMap<>(current);
    changed.forEach(r -> after.put(r.name(), r));
    deleted.forEach(after::remove);
    return after;
  }

  /** Whether the rules read back from the topic show this diff applied. */
  boolean isReflectedIn(Map<String, Rule> rules) {
    for (Rule rule : changed) {
      if (!rule.equals(rules.get(rule.name()))) {
        return false;
      }
    }
    return deleted.stream().noneMatch(rules::containsKey);
  }

  RuleDiffView answer(boolean dryRun) {
    List<RuleDiffView.Change> list = new ArrayList<>();
    actions.forEach((name, action) -> list.add(new RuleDiffView.Change(name, action)));
    return new RuleDiffView(dryRun, list);
  }

  String summary() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    actions.values().forEach(a -> counts.merge(a, 1, Integer::sum));
    return counts.toString();
  }
}
