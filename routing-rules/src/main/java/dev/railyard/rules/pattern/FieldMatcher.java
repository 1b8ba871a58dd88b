package dev.railyard.rules.pattern;

import java.util.List;

/**
 * One compiled field of a branch: where its leaves are in the event buffer and which of them match.
 * Immutable.
 */
final class FieldMatcher {

  final String path;
  final int slot;
  final boolean exists;
  final boolean absent;
  private final ValueTest[] tests;

  FieldMatcher(FieldSpec spec, int slot) {
    this.path = spec.path();
    this.slot = slot;
    this.exists = spec.exists();
    this.absent = spec.absent();
    List<ValueTest> specTests = spec.tests();
    boolean numeric = specTests.stream().anyMatch(ValueTest::numeric);
    this.tests =
        specTests.stream().map(t -> numeric ? t.inNumericField() : t).toArray(ValueTest[]::new);
  }

  /**
   * Whether some leaf value may match at all (false for a field that only says {@code exists:
   * false}).
   */
  boolean takesValues() {
    return exists || tests.length > 0;
  }

  boolean test(EventBuffer event, int value) {
    if (exists) {
      return true;
    }
    for (ValueTest t : tests) {
      if (t.test(event, value)) {
        return true;
      }
    }
    return false;
  }

  /** A rough rank of how expensive (and how unselective) the field's tests are: equality first. */
  int cost() {
    if (exists) {
      return 4;
    }
    int worst = 0;
    for (ValueTest t : tests) {
      int c =
          t instanceof Leaves.ExactString || t instanceof Leaves.Literal
              ? 0
              : t instanceof TextTests.Prefix || t instanceof TextTests.Suffix
                  ? 1
                  : t instanceof Leaves.NumberEquals || t instanceof Leaves.Range ? 2 : 3;
      worst = Math.max(worst, c);
    }
    return worst;
  }

  ValueTest[] tests() {
    return tests.clone();
  }
}
