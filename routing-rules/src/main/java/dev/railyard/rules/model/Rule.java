package dev.railyard.rules.model;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A routing rule: events on {@code bus} that match {@code pattern} are transformed and delivered to
 * every target.
 *
 * <p>Immutable and thread-safe. No component is null. The pattern is not compiled here; loaders
 * check it with {@link dev.railyard.rules.pattern.Pattern#check(String)}.
 *
 * @param name unique on the platform, see {@link Names#LABEL}
 * @param bus the bus whose events the rule sees, see {@link Names#BUS}
 * @param enabled false parks the rule: it is kept but matches nothing
 * @param pattern the EventBridge pattern (or CloudEvents filters array) as compact JSON text
 * @param transform what targets receive
 * @param targets unique by name, unmodifiable; empty while a rule has no targets yet (EventBridge's
 *     PutRule before PutTargets): it then matches and delivers nowhere
 */
public record Rule(
    String name,
    String bus,
    boolean enabled,
    String pattern,
    Transform transform,
    List<Target> targets) {

  /**
   * @throws IllegalArgumentException for an invalid name or duplicate target names
   */
  public Rule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(bus, "bus");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(transform, "transform");
    targets = List.copyOf(targets);
    Names.require(Names.ruleNameProblem(name));
    Names.require(Names.busNameProblem(bus));
    Set<String> seen = new HashSet<>();
    for (Target target : targets) {
      if (!seen.add(target.name())) {
        throw new IllegalArgumentException(
            "rule " + name + " has two targets named " + target.name());
      }
    }
  }
}
