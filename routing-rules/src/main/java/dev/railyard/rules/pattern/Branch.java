package dev.railyard.rules.pattern;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;

/**
 * One {@code $or} combination of a pattern: fields that must all match, kept in path order because
 * event-ruler resolves array consistency (and {@code exists: false} inside arrays) in that order.
 * Immutable.
 */
final class Branch {

  final FieldMatcher[] fields;

  Branch(Map<String, FieldSpec> specs, PathTrie trie) {
    FieldMatcher[] byPath =
        specs.values().stream()
            .sorted(Comparator.comparing(FieldSpec::path))
            .map(spec -> new FieldMatcher(spec, trie.slot(spec.path())))
            .toArray(FieldMatcher[]::new);
    boolean anyAbsent = Arrays.stream(byPath).anyMatch(f -> f.absent);
    // without exists:false the order cannot change the outcome, so the cheapest, most selective
    // tests go first
    this.fields =
        anyAbsent
            ? byPath
            : Arrays.stream(byPath)
                .sorted(Comparator.comparingInt(FieldMatcher::cost))
                .toArray(FieldMatcher[]::new);
  }

  boolean matches(EventBuffer event, Membership membership) {
    if (!event.hasChains()) {
      return matchesFlat(event);
    }
    membership.reset(event.arrayCount());
    return membership.match(fields, 0, event);
  }

  /** Without arrays of objects every field is independent of the others. */
  private boolean matchesFlat(EventBuffer event) {
    for (FieldMatcher f : fields) {
      int first = event.first(f.slot);
      if (first < 0) {
        if (!f.absent) {
          return false;
        }
        continue;
      }
      if (!anyMatches(f, event, first)) {
        return false;
      }
    }
    return true;
  }

  private static boolean anyMatches(FieldMatcher f, EventBuffer event, int first) {
    if (!f.takesValues()) {
      return false;
    }
    for (int v = first; v >= 0; v = event.next(v)) {
      if (f.test(event, v)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return Arrays.toString(Arrays.stream(fields).map(f -> f.path).toArray());
  }
}
