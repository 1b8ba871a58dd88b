package dev.railyard.autoscale.policy;

import java.util.Locale;

/** The words and figures of a decision's reason: {@code lag 2,000 drains in 100 s at 20/s}. */
final class Reasons {

  private Reasons() {}

  static String load(ConnectorLoad c, long lag, double arrival) {
    StringBuilder b = new StringBuilder(c.name()).append(": lag ").append(count(lag));
    if (c.stuckLag() > 0) {
      b.append(" (not counting ")
          .append(count(c.stuckLag()))
          .append(" on ")
          .append(c.stuckPartitions())
          .append(" stuck partition")
          .append(c.stuckPartitions() == 1 ? "" : "s")
          .append(")");
    }
    if (arrival > 0) {
      b.append(", arrivals ").append(rate(arrival));
    }
    return b.toString();
  }

  static String drains(long lag, double arrival, double rate, int tasks) {
    if (lag == 0) {
      return "";
    }
    double net = rate * tasks - arrival;
    if (net <= 0) {
      return " does not drain with " + tasks + " task" + (tasks == 1 ? "" : "s");
    }
    return " drains in " + count(Math.round(lag / net)) + " s";
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  static String rate(double perSecond) {
    return (perSecond >= 10
            ? count(Math.round(perSecond))
            : String.format(Locale.ROOT, "%.1f", perSecond))
        + "/s";
  }

  static String percent(double fraction) {
    return Math.round(fraction * 100) + " %";
  }
}
