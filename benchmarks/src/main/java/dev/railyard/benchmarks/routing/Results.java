package dev.railyard.benchmarks.routing;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/** The routing benchmark's table: every case against the raw consumer, pass-through and routing. */
final class Results {

  private Results() {}

  /** One case's figures. */
  record Row(String name, long events, double rate, double cpuMicros, double routerRate) {

    /** A case that was not run (see {@code --cases}). */
    static Row missing(String name) {
      return new Row(name + " (not run)", 0, Double.NaN, Double.NaN, Double.NaN);
    }
  }

  /**
   * Prints {@code rows} as a Markdown table; the first three are the raw consumer, the plain
   * pass-through and plain Connect's routing, the baselines of every ratio.
   */
  static void print(List<Row> rows) {
    double limit = rows.get(0).rate();
    double pass = rows.get(1).rate();
    double kafkaWay = rows.get(2).rate();
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "load average at the end: %.2f (%d cores)%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors());
    System.out.println(
        "| case | events/s | CPU µs an event | vs raw consumer | vs pass-through | vs plain routing"
            + " | the router alone, events/s |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|");
    for (Row r : rows) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %,.0f | %.1f | %.2f× | %.2f× | %.2f× | %s |%n",
          r.name(),
          r.rate(),
          r.cpuMicros(),
          r.rate() / limit,
          r.rate() / pass,
          r.rate() / kafkaWay,
          Double.isNaN(r.routerRate()) ? "" : String.format(Locale.ROOT, "%,.0f", r.routerRate()));
    }
  }
}
