package dev.railyard.rules.pattern;

/**
 * One value of a pattern field, e.g. {@code "abc"} or {@code {"prefix": "a"}}: decides whether one
 * event leaf matches. Implementations are immutable.
 */
interface ValueTest {

  boolean test(EventBuffer event, int value);

  /**
   * The test as it behaves in a field that also has numeric patterns. event-ruler then looks at
   * numbers only in their ordered binary form, which only suffix tests can notice.
   */
  default ValueTest inNumericField() {
    return this;
  }

  /** True when this test alone makes event-ruler compare the field's numbers numerically. */
  default boolean numeric() {
    return false;
  }
}
