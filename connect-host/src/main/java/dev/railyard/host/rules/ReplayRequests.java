package dev.railyard.host.rules;

import dev.railyard.api.platform.ReplayRequest;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a replay request, whose shape the API has checked, into the replay of a rule: the targets
 * it names must be the rule's.
 */
final class ReplayRequests {

  private ReplayRequests() {}

  /** The replay to run, or an {@link IllegalArgumentException} naming the target that is wrong. */
  static Replay of(Rule rule, ReplayRequest request) {
    List<String> all = rule.targets().stream().map(Target::name).toList();
    List<String> targets = new ArrayList<>();
    if (request.targets() == null) {
      targets.addAll(all);
    } else {
      for (String name : request.targets()) {
        if (!all.contains(name)) {
          throw new IllegalArgumentException(
              "'targets' names "
                  + name
                  + ", which rule "
                  + rule.name()
                  + " does not have; its targets: "
                  + String.join(", ", all));
        }
        targets.add(name);
      }
    }
    return new Replay(rule.name(), targets, request.from(), request.to());
  }
}
