package dev.railyard.autoscale.policy;

import dev.railyard.autoscale.policy.Decision.Cause;
import dev.railyard.autoscale.policy.Decision.TaskChange;
import java.time.Instant;
import java.util.Locale;

/**
 * Tasks of a source connector that exposes its backlog in bytes ({@link SourceBacklog}, the log
 * source's bytes behind): enough that the bytes behind drain within the drain target at the
 * measured per-task rate while keeping up with the files' growth, never above the tasks it can use
 * ({@link SourceBacklog#mostTasks}) or below 1, within its own bounds. A source that exposes
 * nothing is left alone. While the per-task rate is not measured yet it holds (the collector
 * measures it once the source has been behind for 10 s with the same tasks); missing data holds,
 * saying why. Up and down go through the same stabilization as sinks. Pure.
 */
final class SourceSizing {

  private SourceSizing() {}

  /** The source's tasks, with a reason. */
  static TaskChange tasks(
      ConnectorLoad c,
      PolicySettings s,
      PolicyMemory memory,
      PolicyMemory.Builder next,
      Instant now) {
    String name = c.name();
    int current = c.tasks();
    if (!c.bounds().enabled()) {
      return alone(
          c,
          c.bounds()
              .problem()
              .map(p -> "its autoscale settings are refused (" + p + "); left alone")
              .orElse("opted out (" + AutoscaleConfig.CONNECTOR_ENABLED + "=false); left alone"));
    }
    if (c.backlog().isEmpty() && c.problem().isEmpty()) {
      return alone(c, "a source connector that exposes no backlog to scale on; left alone");
    }
    if (!c.state().equals("RUNNING")) {
      return alone(c, "it is " + c.state() + "; left alone");
    }
    if (c.problem().isPresent() || c.backlog().isEmpty()) {
      next.recommend(name, current, false);
      return new TaskChange(
          name,
          current,
          current,
          Cause.HOLD,
          name + ": holding " + current + " tasks: " + c.problem().orElse("no backlog read"));
    }
    SourceBacklog b = c.backlog().get();
    int most = Math.max(1, b.mostTasks());
    int lo = Math.min(Math.max(1, c.bounds().min()), most);
    int hi = Math.max(lo, Math.min(most, c.bounds().max()));
    long behind = b.bytesBehind();
    double arrival = b.arrivalRate().orElse(0);
    String load = load(c, b, arrival);

    int wanted;
    Cause cause;
    String why;
    if (behind <= SourceBacklog.BACKLOG_BYTES && arrival == 0) {
      wanted = lo;
      cause = Cause.DEMAND_DOWN;
      why =
          name
              + ": idle ("
              + (behind == 0 ? "nothing" : bytes(behind))
              + " behind, files not growing)"
              + notes(b);
    } else if (b.taskRate().isPresent() && b.taskRate().getAsDouble() > 0) {
      double rate = b.taskRate().getAsDouble();
      double need = (behind / (double) s.drainTargetSeconds() + arrival) / rate;
      int up = ceil(need);
      wanted = up > current ? up : Math.min(current, ceil(need / ScalingPolicy.DOWN_HEADROOM));
      cause = Cause.DEMAND_UP;
      why = load + drains(behind, arrival, rate, current) + " at " + rate(rate) + " per task";
    } else if (behind > SourceBacklog.BACKLOG_BYTES) {
      wanted = current;
      cause = Cause.HOLD;
      why = load + "; per-task rate not measured yet (after 10 s behind with the same tasks)";
    } else {
      wanted = current;
      cause = Cause.STEADY;
      why = load + "; keeping up, per-task rate not measured yet";
    }
    int bounded = Math.max(lo, Math.min(hi, wanted));
    return ScalingPolicy.settle(
        name, current, bounded, cause, why, suffix(b), s, memory, next, now);
  }

  /** Whether it is behind: more than {@link SourceBacklog#BACKLOG_BYTES} not yet sent. */
  static boolean late(ConnectorLoad c) {
    return c.backlog().map(b -> b.bytesBehind() > SourceBacklog.BACKLOG_BYTES).orElse(false);
  }

  private static String load(ConnectorLoad c, SourceBacklog b, double arrival) {
    StringBuilder w = new StringBuilder(c.name()).append(": ").append(bytes(b.bytesBehind()));
    w.append(" behind").append(notes(b));
    if (arrival > 0) {
      w.append(", arriving ").append(rate(arrival));
    }
    return w.toString();
  }

  // what the bytes behind do not count
  private static String notes(SourceBacklog b) {
    StringBuilder w = new StringBuilder();
    if (b.stuckBytes() > 0) {
      w.append(" (not counting ")
          .append(bytes(b.stuckBytes()))
          .append(" on ")
          .append(files(b.stuckFiles()))
          .append(" that stood still)");
    }
    if (b.filesWithoutSize() > 0) {
      w.append(" (")
          .append(files(b.filesWithoutSize()))
          .append(" without a size in its offset, not counted)");
    }
    return w.toString();
  }

  private static String drains(long behind, double arrival, double rate, int tasks) {
    if (behind == 0) {
      return "";
    }
    double net = rate * tasks - arrival;
    if (net <= 0) {
      return " does not drain with " + tasks + " task" + (tasks == 1 ? "" : "s");
    }
    return " drains in " + Reasons.count(Math.round(behind / net)) + " s";
  }

  private static String suffix(SourceBacklog b) {
    if (b.mostTasks() <= b.files()) {
      return " (" + files(b.files()) + ")";
    }
    // a file it has sent no line of has no offset yet; a pattern whose files are still to come
    // gets a task of its own
    String patterns = b.mostTasks() + " pattern" + (b.mostTasks() == 1 ? "" : "s");
    return " (" + files(b.files()) + " with an offset, " + patterns + ")";
  }

  private static String files(int n) {
    return n + " file" + (n == 1 ? "" : "s");
  }

  /** {@code 48 MB}, {@code 200 KB}, {@code 512 B}: decimal units, as people read them. */
  static String bytes(double n) {
    if (n >= 1e9) {
      return String.format(Locale.ROOT, "%.1f GB", n / 1e9);
    }
    if (n >= 1e6) {
      return Math.round(n / 1e6) + " MB";
    }
    if (n >= 1e3) {
      return Math.round(n / 1e3) + " KB";
    }
    return Math.round(n) + " B";
  }

  private static String rate(double perSecond) {
    return bytes(perSecond) + "/s";
  }

  private static TaskChange alone(ConnectorLoad c, String why) {
    return new TaskChange(c.name(), c.tasks(), c.tasks(), Cause.LEFT_ALONE, c.name() + ": " + why);
  }

  private static int ceil(double x) {
    return (int) Math.min(Integer.MAX_VALUE, Math.ceil(x - 1e-9));
  }
}
