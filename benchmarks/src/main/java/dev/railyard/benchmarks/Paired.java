package dev.railyard.benchmarks;

import dev.railyard.rules.pattern.RuleSet;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.connect.json.JsonConverter;
import software.amazon.event.ruler.Machine;

/**
 * A noise-tolerant complement to the JMH runs for a shared machine: both engines run in alternating
 * 100 ms slices over many rounds, so background load hits them alike, and the median of the
 * per-round ratios is reported. Run with {@code java -Xmx4g -cp benchmarks/target/benchmarks.jar
 * dev.railyard.benchmarks.Paired [rounds [corpus [group...]]]} (corpus {@code citylots} or {@code
 * sflots}, see {@link Corpus}; all groups by default).
 */
public final class Paired {

  private static final long SLICE_NANOS = 100_000_000L;

  private Paired() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    String corpus = args.length > 1 ? args[1] : Corpus.DEFAULT;
    List<String> groups =
        args.length > 2
            ? List.of(args).subList(2, args.length)
            : List.copyOf(RuleGroups.GROUPS.keySet());
    String[] events = Corpus.json(corpus);
    Object[] values = Corpus.connect(corpus);
    System.out.println("corpus: " + corpus + ", " + rounds + " rounds");
    JsonConverter converter = Corpus.converter();
    System.out.println(
        "| group | input | railyard ev/s (median) | event-ruler ev/s (median) | median ratio |");
    System.out.println("|---|---|---:|---:|---:|");
    for (String group : groups) {
      Map<String, String> patterns = RuleGroups.group(group);
      RuleSet rules = RuleSet.of(patterns);
      Machine machine = new Machine();
      for (Map.Entry<String, String> e : patterns.entrySet()) {
        machine.addRule(e.getKey(), e.getValue());
      }
      Agreement.check(rules, machine, events, 20_000);
      int[] i = {0};
      race(
          group,
          "JSON",
          rounds,
          () -> rules.matches(events[i[0]++ % events.length]).size(),
          () -> machine.rulesForJSONEvent(events[i[0]++ % events.length]).size());
      race(
          group,
          "Connect",
          rounds,
          () -> rules.matches(values[i[0]++ % values.length]).size(),
          () ->
              machine
                  .rulesForJSONEvent(
                      new String(
                          converter.fromConnectData("bus", null, values[i[0]++ % values.length]),
                          StandardCharsets.UTF_8))
                  .size());
    }
  }

  private static void race(
      String group, String input, int rounds, Callable<Integer> railyard, Callable<Integer> ruler)
      throws Exception {
    slice(railyard, 30);
    slice(ruler, 30);
    double[] ours = new double[rounds];
    double[] theirs = new double[rounds];
    double[] ratios = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      ours[r] = slice(railyard, 1);
      theirs[r] = slice(ruler, 1);
      ratios[r] = ours[r] / theirs[r];
    }
    System.out.printf(
        Locale.ROOT,
        "| %s | %s | %,.0f | %,.0f | %.2f× |%n",
        group,
        input,
        median(ours),
        median(theirs),
        median(ratios));
  }

  /** Events per second over {@code slices} slices of 100 ms. */
  public static double slice(Callable<Integer> work, int slices) throws Exception {
    long sink = 0;
    long count = 0;
    long start = System.nanoTime();
    long end = start + slices * SLICE_NANOS;
    long now;
    do {
      for (int k = 0; k < 64; k++) {
        sink += work.call();
      }
      count += 64;
      now = System.nanoTime();
    } while (now < end);
    if (sink == Long.MIN_VALUE) {
      System.out.println();
    }
    return count * 1e9 / (now - start);
  }

  public static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
