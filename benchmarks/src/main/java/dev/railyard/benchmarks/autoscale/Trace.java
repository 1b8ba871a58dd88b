package dev.railyard.benchmarks.autoscale;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntToDoubleFunction;

/**
 * A load trace: records arriving per second, in units of what one task drains with a worker to
 * itself ({@link Profile#unit}), how they spread over the partitions, and bursts that arrive at
 * once. The arrivals of a seed are the same for every policy.
 *
 * @param name how the tables call it
 * @param shape what it is, in words, for the docs
 * @param seconds how long it lasts
 * @param load units per second at each second
 * @param weights each partition's share of the load, summing to 1
 * @param bursts unit-seconds arriving at once at the given second
 */
record Trace(
    String name,
    String shape,
    int seconds,
    IntToDoubleFunction load,
    double[] weights,
    Map<Integer, Double> bursts) {

  private static final int MINUTE = 60;

  /** The five traces of docs/benchmarks.md, for {@code partitions} partitions. */
  static List<Trace> all(int partitions) {
    double[] even = new double[partitions];
    Arrays.fill(even, 1.0 / partitions);
    double[] skewed = new double[partitions];
    Arrays.fill(skewed, 0.4 / (partitions - 1));
    skewed[0] = 0.6;
    return List.of(
        new Trace(
            "step",
            "0.75 units for 20 min, 5× (3.75) for 60 min, 0.75 for 40 min",
            120 * MINUTE,
            t -> t < 20 * MINUTE || t >= 80 * MINUTE ? 0.75 : 3.75,
            even,
            Map.of()),
        new Trace(
            "spike",
            "0.5 units; 100 unit-seconds at once (2,000 records for the HTTP sink) at 10, 30, 50 min",
            60 * MINUTE,
            t -> 0.5,
            even,
            Map.of(10 * MINUTE, 100.0, 30 * MINUTE, 100.0, 50 * MINUTE, 100.0)),
        new Trace(
            "diurnal",
            "a day in 3 h: 0.4 units at night to 5 at noon, a cosine",
            180 * MINUTE,
            t -> 0.4 + 4.6 * (1 - Math.cos(2 * Math.PI * t / (180.0 * MINUTE))) / 2,
            even,
            Map.of()),
        new Trace(
            "sawtooth",
            "four 15-min ramps from 0.5 to 5 units, each dropping back at once",
            60 * MINUTE,
            t -> 0.5 + 4.5 * (t % (15 * MINUTE)) / (15.0 * MINUTE),
            even,
            Map.of()),
        new Trace(
            "skewed",
            "partition 0 takes 60 %: 0.5 units for 10 min, 1.5 for 60 min, 0.5 for 20 min",
            90 * MINUTE,
            t -> t >= 10 * MINUTE && t < 70 * MINUTE ? 1.5 : 0.5,
            skewed,
            Map.of()));
  }

  /** Records arriving at each second on each partition: Poisson around the load, plus bursts. */
  double[][] arrivals(double unit, long seed) {
    Random random = new Random(seed * 31 + name.hashCode());
    double[][] arrivals = new double[seconds][weights.length];
    for (int t = 0; t < seconds; t++) {
      double mean = load.applyAsDouble(t) * unit;
      for (int p = 0; p < weights.length; p++) {
        arrivals[t][p] = poisson(random, mean * weights[p]);
      }
      Double burst = bursts.get(t);
      if (burst != null) {
        spread(Math.round(burst * unit), arrivals[t]);
      }
    }
    return arrivals;
  }

  /** Whole records in proportion to the weights; the remainder to the first partitions. */
  private void spread(long records, double[] into) {
    long given = 0;
    for (int p = 0; p < weights.length; p++) {
      long share = (long) Math.floor(records * weights[p]);
      into[p] += share;
      given += share;
    }
    for (int p = 0; given < records; p = (p + 1) % weights.length, given++) {
      into[p] += 1;
    }
  }

  private static long poisson(Random random, double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 30) {
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
    }
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    long n = 0;
    while (product > limit) {
      product *= random.nextDouble();
      n++;
    }
    return n;
  }
}
