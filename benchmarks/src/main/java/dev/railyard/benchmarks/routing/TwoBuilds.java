package dev.railyard.benchmarks.routing;

import dev.railyard.benchmarks.Paired;
import java.io.File;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Two builds' {@code RuleSet.matches(byte[])} in one JVM, each benchmarks jar in a class loader of
 * its own, in alternating 100 ms slices (see {@link Paired}), on the routing benchmark's events
 * with its one-rule and ten-tenths rule sets: a before/after comparison that load hits alike. Run
 * with {@code java -cp benchmarks/target/benchmarks.jar dev.railyard.benchmarks.routing.TwoBuilds
 * <before.jar> <after.jar> [rounds]}.
 */
public final class TwoBuilds {

  private TwoBuilds() {}

  public static void main(String[] args) throws Throwable {
    ClassLoader before = loader(args[0]);
    ClassLoader after = loader(args[1]);
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    byte[][] events = new byte[50_000][];
    Random random = new Random(20261202L);
    for (int i = 0; i < events.length; i++) {
      String key = "customer-" + random.nextInt(10_000);
      events[i] = Backlog.event(i, key, random).getBytes(StandardCharsets.UTF_8);
    }
    Map<String, String> tenths = new LinkedHashMap<>();
    for (int g = 0; g < Backlog.GROUPS; g++) {
      tenths.put("tenth-" + g, PlainSinks.groupPattern(g));
    }
    System.out.println("| rules | before ev/s (median) | after ev/s (median) | median ratio |");
    System.out.println("|---|---:|---:|---:|");
    race("1 rule", Map.of("all", RoutingBenchmark.MATCH_ALL), before, after, events, rounds);
    race("10 tenths", tenths, before, after, events, rounds);
  }

  private static void race(
      String name,
      Map<String, String> rules,
      ClassLoader before,
      ClassLoader after,
      byte[][] events,
      int rounds)
      throws Throwable {
    MethodHandle old = matcher(before, rules);
    MethodHandle now = matcher(after, rules);
    for (int k = 0; k < 2000; k++) {
      if (!old.invoke(events[k]).equals(now.invoke(events[k]))) {
        throw new IllegalStateException("the builds disagree on event " + k + " with " + name);
      }
    }
    int[] i = {0};
    Paired.slice(() -> size(old, events[i[0]++ % events.length]), 20);
    Paired.slice(() -> size(now, events[i[0]++ % events.length]), 20);
    double[] b = new double[rounds];
    double[] a = new double[rounds];
    double[] ratios = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      b[r] = Paired.slice(() -> size(old, events[i[0]++ % events.length]), 1);
      a[r] = Paired.slice(() -> size(now, events[i[0]++ % events.length]), 1);
      ratios[r] = a[r] / b[r];
    }
    System.out.printf(
        Locale.ROOT,
        "| %s | %,.0f | %,.0f | %.2f× |%n",
        name,
        Paired.median(b),
        Paired.median(a),
        Paired.median(ratios));
  }

  private static int size(MethodHandle matches, byte[] event) throws Exception {
    try {
      return ((List<?>) matches.invoke(event)).size();
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  // the parent is the platform loader: each build's classes come from its own jar only
  private static ClassLoader loader(String jar) throws Exception {
    return new URLClassLoader(
        new URL[] {new File(jar).toURI().toURL()}, ClassLoader.getPlatformClassLoader());
  }

  private static MethodHandle matcher(ClassLoader loader, Map<String, String> rules)
      throws Throwable {
    Class<?> ruleSet = loader.loadClass("dev.railyard.rules.pattern.RuleSet");
    Object set = ruleSet.getMethod("of", Map.class).invoke(null, rules);
    return MethodHandles.publicLookup()
        .findVirtual(ruleSet, "matches", MethodType.methodType(List.class, byte[].class))
        .bindTo(set);
  }
}
