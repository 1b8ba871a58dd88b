package dev.railyard.benchmarks;

import dev.railyard.rules.pattern.RuleSet;
import java.util.HashSet;
import java.util.List;
import software.amazon.event.ruler.Machine;

/**
 * Before measuring, makes sure both engines give the same answers on the corpus, so the race is
 * fair.
 */
final class Agreement {

  private Agreement() {}

  static void check(RuleSet rules, Machine machine, String[] events, int sample) throws Exception {
    long matches = 0;
    for (int i = 0; i < Math.min(sample, events.length); i++) {
      List<String> ours = rules.matches(events[i]);
      List<String> theirs = machine.rulesForJSONEvent(events[i]);
      if (!new HashSet<>(ours).equals(new HashSet<>(theirs))) {
        throw new IllegalStateException(
            "engines disagree on " + events[i] + ": railyard " + ours + ", event-ruler " + theirs);
      }
      matches += ours.size();
    }
    System.out.println("agreement: " + sample + " events, " + matches + " rule matches, identical");
  }
}
