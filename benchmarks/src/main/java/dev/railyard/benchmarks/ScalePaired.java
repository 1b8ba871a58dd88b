package dev.railyard.benchmarks;

import dev.railyard.rules.pattern.RuleSet;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * How flat a RuleSet stays from 10 to 1,000 and 10,000 rules of one kind, measured like {@link
 * Paired}: the small and the large set run in alternating 100 ms slices, and the median of the
 * per-round ratios is reported, so the machine's background load hits both alike. Run with {@code
 * java -Xmx4g -cp benchmarks/target/benchmarks.jar dev.railyard.benchmarks.ScalePaired [rounds
 * [shape...]]} (shapes as {@link RuleGroups#generated(String, long, int)}).
 */
public final class ScalePaired {

  private ScalePaired() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    String[] shapes =
        args.length > 1
            ? java.util.Arrays.copyOfRange(args, 1, args.length)
            : new String[] {"prefix", "numeric", "wildcard", "routing"};
    String[] events = Corpus.json();
    System.out.println(
        "| shape | rules | railyard ev/s (median) | 10 rules ev/s (median) | median ratio |");
    System.out.println("|---|---:|---:|---:|---:|");
    for (String shape : shapes) {
      RuleSet small = RuleSet.of(RuleGroups.generated(shape, 7, 10));
      for (int count : new int[] {1_000, 10_000}) {
        RuleSet large = RuleSet.of(RuleGroups.generated(shape, 7, count));
        int[] i = {0};
        Callable<Integer> big = () -> large.matches(events[i[0]++ % events.length]).size();
        Callable<Integer> base = () -> small.matches(events[i[0]++ % events.length]).size();
        Paired.slice(big, 20);
        Paired.slice(base, 20);
        double[] ours = new double[rounds];
        double[] theirs = new double[rounds];
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
          ours[r] = Paired.slice(big, 1);
          theirs[r] = Paired.slice(base, 1);
          ratios[r] = ours[r] / theirs[r];
        }
        System.out.printf(
            Locale.ROOT,
            "| %s | %,d | %,.0f | %,.0f | %.2f× |%n",
            shape,
            count,
            Paired.median(ours),
            Paired.median(theirs),
            Paired.median(ratios));
      }
    }
  }
}
