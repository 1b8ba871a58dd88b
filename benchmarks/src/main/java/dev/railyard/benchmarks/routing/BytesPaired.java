package dev.railyard.benchmarks.routing;

import dev.railyard.benchmarks.CityLots;
import dev.railyard.benchmarks.Paired;
import dev.railyard.benchmarks.RuleGroups;
import dev.railyard.benchmarks.SfLots;
import dev.railyard.rules.pattern.RuleSet;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * The router's matching before and after {@code RuleSet.matches(byte[])} read the bytes in place,
 * in one JVM, in alternating 100 ms slices (see {@link Paired}): "text" makes a {@code String} of
 * each event's bytes and matches that, which is what {@code matches(byte[])} did before; "bytes"
 * matches the bytes. On the routing benchmark's events with its one-rule and ten-tenths rule sets,
 * and on the city-lots and sf-lots corpora with the pattern groups. Run with {@code java -cp
 * benchmarks/target/benchmarks.jar dev.railyard.benchmarks.routing.BytesPaired [rounds [routing]]}
 * ({@code routing}: its events only).
 */
public final class BytesPaired {

  private BytesPaired() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    System.out.println(rounds + " rounds");
    System.out.println(
        "| events | rules | text ev/s (median) | bytes ev/s (median) | median ratio |");
    System.out.println("|---|---|---:|---:|---:|");
    byte[][] routed = routingEvents(50_000);
    Map<String, String> tenths = new LinkedHashMap<>();
    for (int g = 0; g < Backlog.GROUPS; g++) {
      tenths.put("tenth-" + g, PlainSinks.groupPattern(g));
    }
    race(
        "routing", "1 rule", rounds, RuleSet.of(Map.of("all", RoutingBenchmark.MATCH_ALL)), routed);
    race("routing", "10 tenths", rounds, RuleSet.of(tenths), routed);
    // what an early exit could save at most: the events closed right after the field the rule names
    race(
        "routing, cut after source",
        "1 rule",
        rounds,
        RuleSet.of(Map.of("all", RoutingBenchmark.MATCH_ALL)),
        heads(routed));
    if (args.length > 1 && args[1].equals("routing")) {
      return;
    }
    for (String corpus : List.of("citylots", "sflots")) {
      List<String> text =
          corpus.equals("citylots")
              ? CityLots.events(20261126L, 50_000)
              : SfLots.events(20261126L, 50_000);
      byte[][] events =
          text.stream().map(e -> e.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
      for (String group : RuleGroups.names()) {
        race(corpus, group, rounds, RuleSet.of(RuleGroups.group(group)), events);
      }
    }
  }

  private static byte[][] heads(byte[][] events) {
    byte[][] heads = new byte[events.length][];
    for (int i = 0; i < events.length; i++) {
      String event = new String(events[i], StandardCharsets.UTF_8);
      int end =
          event.indexOf("\"source\":\"bench/orders\"") + "\"source\":\"bench/orders\"".length();
      heads[i] = (event.substring(0, end) + "}").getBytes(StandardCharsets.UTF_8);
    }
    return heads;
  }

  private static byte[][] routingEvents(int count) {
    Random random = new Random(20261202L);
    byte[][] events = new byte[count][];
    for (int i = 0; i < count; i++) {
      String key = "customer-" + random.nextInt(10_000);
      events[i] = Backlog.event(i, key, random).getBytes(StandardCharsets.UTF_8);
    }
    return events;
  }

  private static void race(String corpus, String rules, int rounds, RuleSet set, byte[][] events)
      throws Exception {
    int[] i = {0};
    Callable<Integer> text =
        () ->
            set.matches(new String(events[i[0]++ % events.length], StandardCharsets.UTF_8)).size();
    Callable<Integer> bytes = () -> set.matches(events[i[0]++ % events.length]).size();
    for (int k = 0; k < 2000; k++) {
      byte[] event = events[k % events.length];
      if (!set.matches(event).equals(set.matches(new String(event, StandardCharsets.UTF_8)))) {
        throw new IllegalStateException("text and bytes disagree on " + corpus + " event " + k);
      }
    }
    Paired.slice(text, 20);
    Paired.slice(bytes, 20);
    double[] before = new double[rounds];
    double[] after = new double[rounds];
    double[] ratios = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      before[r] = Paired.slice(text, 1);
      after[r] = Paired.slice(bytes, 1);
      ratios[r] = after[r] / before[r];
    }
    System.out.printf(
        Locale.ROOT,
        "| %s | %s | %,.0f | %,.0f | %.2f× |%n",
        corpus,
        rules,
        Paired.median(before),
        Paired.median(after),
        Paired.median(ratios));
  }
}
