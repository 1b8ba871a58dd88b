package dev.railyard.benchmarks;

import dev.railyard.rules.pattern.RuleSet;
import java.util.Map;
import software.amazon.event.ruler.Machine;

/**
 * Heap retained by 10,000 compiled rules: a RuleSet against an event-ruler Machine holding the same
 * rules, measured as used heap after full GCs with nothing else live. Run with {@code java -cp
 * benchmarks/target/benchmarks.jar dev.railyard.benchmarks.Footprint [rules]}.
 */
public final class Footprint {

  private Footprint() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    Map<String, String> patterns = RuleGroups.generated(7, count);
    long base = used();
    RuleSet ruleSet = RuleSet.of(patterns);
    long railyard = used() - base;
    base = used();
    Machine machine = new Machine();
    for (Map.Entry<String, String> e : patterns.entrySet()) {
      machine.addRule(e.getKey(), e.getValue());
    }
    long ruler = used() - base;
    System.out.printf(
        "rules=%d railyard RuleSet=%.1f MiB event-ruler Machine=%.1f MiB ratio=%.2f%n",
        count, railyard / 1048576.0, ruler / 1048576.0, (double) railyard / ruler);
    if (ruleSet.size() + machine.hashCode() == 42) {
      System.out.println();
    }
  }

  private static long used() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
