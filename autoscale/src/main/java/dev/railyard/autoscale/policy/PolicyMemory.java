package dev.railyard.autoscale.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the policy remembers between decisions: recent recommendations (to scale down only on demand
 * that stayed lower for the stabilization window), when each count last changed (one step at a
 * time) and, per connector whose rate is not measured yet, the tasks that last fell behind.
 * Immutable; {@link ScalingPolicy#decide} returns the next one.
 */
public final class PolicyMemory {

  /** Nothing remembered: the state before the first decision. */
  public static final PolicyMemory EMPTY = new PolicyMemory(Map.of(), Map.of(), Map.of());

  /** The key the worker count is remembered under; connector names never take it. */
  static final String WORKERS = "\u0000workers";

  record Recommendation(Instant at, int count) {}

  /**
   * Tasks that fell behind while their rate was not measured.
   *
   * @param tasks how many there were
   * @param arrival the records per second that arrived then; for the workers, what they drained
   *     then (less than arrived: their capacity)
   */
  record Behind(int tasks, double arrival) {}

  /**
   * @param history recommendations per key, oldest first: those of the window and the newest one
   *     before it
   * @param changedAt when the key's count last changed
   */
  private final Map<String, List<Recommendation>> history;

  private final Map<String, Instant> changedAt;
  private final Map<String, Behind> behind;

  private PolicyMemory(
      Map<String, List<Recommendation>> history,
      Map<String, Instant> changedAt,
      Map<String, Behind> behind) {
    this.history = history;
    this.changedAt = changedAt;
    this.behind = behind;
  }

  /** When the key's tasks last fell behind unmeasured; null when they did not since measured. */
  Behind behind(String key) {
    return behind.get(key);
  }

  List<Recommendation> history(String key) {
    return history.getOrDefault(key, List.of());
  }

  Instant changedAt(String key) {
    return changedAt.get(key);
  }

  /** When any count (a connector's tasks, the workers) last changed; null when none did. */
  Instant lastChange() {
    return changedAt.values().stream().max(Instant::compareTo).orElse(null);
  }

  /** The connectors remembered; the worker count aside. */
  public java.util.Set<String> connectors() {
    java.util.Set<String> names = new java.util.TreeSet<>(history.keySet());
    names.remove(WORKERS);
    return names;
  }

  /** Builds the next memory. */
  static final class Builder {
    private final Map<String, List<Recommendation>> history = new HashMap<>();
    private final Map<String, Instant> changedAt = new HashMap<>();
    private final Map<String, Behind> behind = new HashMap<>();
    private final java.util.Set<String> measured = new java.util.HashSet<>();
    private final PolicyMemory previous;
    private final Instant now;
    private final Duration window;

    Builder(PolicyMemory previous, Instant now, Duration window) {
      this.previous = previous;
      this.now = now;
      this.window = window;
    }

    /** Remembers a recommendation for {@code key}, dropping those older than the window. */
    void recommend(String key, int count, boolean changed) {
      // those of the window, and the newest one before it: it shows the window was watched whole
      List<Recommendation> list = new ArrayList<>();
      Recommendation before = null;
      for (Recommendation r : previous.history(key)) {
        if (r.at().isBefore(now.minus(window))) {
          before = r;
        } else {
          list.add(r);
        }
      }
      if (before != null) {
        list.add(0, before);
      }
      list.add(new Recommendation(now, count));
      history.put(key, List.copyOf(list));
      Instant last = changed ? now : previous.changedAt(key);
      if (last != null) {
        changedAt.put(key, last);
      }
      Behind fell = previous.behind(key);
      if (fell != null && !measured.contains(key)) {
        behind.putIfAbsent(key, fell);
      }
    }

    /** Remembers that {@code key}'s {@code tasks} fell behind {@code arrival} unmeasured. */
    void fellBehind(String key, int tasks, double arrival) {
      behind.put(key, new Behind(tasks, arrival));
    }

    /** {@code key}'s rate is measured: what fell behind unmeasured no longer matters. */
    void measured(String key) {
      measured.add(key);
      behind.remove(key);
    }

    /** Takes back the change of {@code key} this decision recommended: it was not made. */
    void unchanged(String key) {
      Instant before = previous.changedAt(key);
      if (before == null) {
        changedAt.remove(key);
      } else {
        changedAt.put(key, before);
      }
    }

    PolicyMemory build() {
      return new PolicyMemory(Map.copyOf(history), Map.copyOf(changedAt), Map.copyOf(behind));
    }
  }
}
