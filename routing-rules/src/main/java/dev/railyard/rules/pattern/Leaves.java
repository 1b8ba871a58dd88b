package dev.railyard.rules.pattern;

/** Tests of literal leaves: strings, numbers, true, false, null and numeric ranges. */
final class Leaves {

  /**
   * Matches nothing: what event-ruler makes of an empty anything-but list that is not first in its
   * field.
   */
  static final ValueTest NEVER = (event, value) -> false;

  private Leaves() {}

  /** A JSON string equal to {@code expected}. */
  record ExactString(String expected) implements ValueTest {
    @Override
    public boolean test(EventBuffer event, int value) {
      return event.kind(value) == EventBuffer.STRING && expected.equals(event.text(value));
    }
  }

  /** true, false or null. */
  record Literal(byte kind) implements ValueTest {
    @Override
    public boolean test(EventBuffer event, int value) {
      return event.kind(value) == kind;
    }
  }

  /** A number with an exact double value, compared numerically. */
  record NumberEquals(double expected) implements ValueTest {
    @Override
    public boolean test(EventBuffer event, int value) {
      return event.kind(value) == EventBuffer.NUMBER && event.number(value) == expected;
    }

    @Override
    public boolean numeric() {
      return true;
    }
  }

  /**
   * A number that is not exactly a double (an account id, 5e-324): matches the identical text only.
   */
  record NumberText(String expected) implements ValueTest {
    @Override
    public boolean test(EventBuffer event, int value) {
      return event.kind(value) == EventBuffer.NUMBER && expected.equals(event.text(value));
    }
  }

  /**
   * {@code numeric} with one or two bounds; ±Double.MAX_VALUE stand for open ends, as in
   * event-ruler.
   */
  record Range(double low, boolean lowOpen, double high, boolean highOpen) implements ValueTest {
    @Override
    public boolean test(EventBuffer event, int value) {
      if (event.kind(value) != EventBuffer.NUMBER) {
        return false;
      }
      double d = event.number(value);
      if (Double.isNaN(d)) {
        return false;
      }
      boolean aboveLow = lowOpen ? d > low : d >= low;
      return aboveLow && (highOpen ? d < high : d <= high);
    }

    @Override
    public boolean numeric() {
      return true;
    }
  }

  /** Any leaf at all: {@code {"exists": true}}. */
  enum Exists implements ValueTest {
    INSTANCE;

    @Override
    public boolean test(EventBuffer event, int value) {
      return true;
    }
  }
}
