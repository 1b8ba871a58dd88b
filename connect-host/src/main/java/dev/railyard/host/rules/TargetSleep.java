package dev.railyard.host.rules;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Which rule targets are awake and which sleep: scale to zero for the targets of rules. An awake
 * target has its sink connector in Connect; a sleeping one has none, so it holds no thread, task or
 * Kafka client on any worker, and what the router writes waits in its delivery topic, where its
 * consumer group's committed offsets (kept while it sleeps) say where delivery resumes.
 *
 * <p>A target falls asleep when nothing was routed to it and nothing was left to deliver (no lag,
 * no parked record) for {@code after}; a new target starts asleep. It wakes at the first reading
 * that shows lag: records routed to it (or parked, replayed, redriven) beyond what its group
 * committed. Readings come from the target figures, every few seconds, so a target wakes within one
 * reading plus the time Connect takes to start its task. Deciding is apart from acting: {@link
 * #observe} says what to change, the rule reconciler makes Connect match {@link #awake}.
 * Thread-safe.
 */
final class TargetSleep {

  /** One target as last read: events routed to it in all, and those it has not delivered. */
  record Reading(long routed, long lag) {}

  /** What one round of readings changed: connectors to create and connectors to remove. */
  record Changes(Set<String> woken, Set<String> asleep) {
    boolean isEmpty() {
      return woken.isEmpty() && asleep.isEmpty();
    }
  }

  private record Watch(boolean awake, long routed, long quietSince) {}

  private final Duration after;
  private final LongSupplier clock;
  private final Map<String, Watch> watches = new ConcurrentHashMap<>();

  /**
   * @param after how long a target stays awake with nothing routed and nothing to deliver; {@link
   *     Duration#ZERO} keeps every target awake
   * @param clock nanoseconds, monotonic ({@code System::nanoTime})
   */
  TargetSleep(Duration after, LongSupplier clock) {
    this.after = after;
    this.clock = clock;
  }

  /** Targets that never sleep: every target has its connector, as before targets could sleep. */
  static TargetSleep never() {
    return new TargetSleep(Duration.ZERO, System::nanoTime);
  }

  boolean enabled() {
    return !after.isZero();
  }

  /** Whether the connector of a target should run; a target not seen yet sleeps. */
  boolean awake(String connector) {
    if (!enabled()) {
      return true;
    }
    Watch w = watches.get(connector);
    return w != null && w.awake();
  }

  /**
   * Takes the targets whose connectors run already as awake, quiet from now: after a restart they
   * sleep only once they have been idle for the full time again.
   */
  void running(Set<String> connectors) {
    long now = clock.getAsLong();
    connectors.forEach(c -> watches.putIfAbsent(c, new Watch(true, -1, now)));
  }

  /**
   * Wakes {@code connectors} now, on a sign between two readings that they have records to deliver.
   *
   * @return those that were asleep
   */
  Set<String> wake(Set<String> connectors) {
    Set<String> woken = new TreeSet<>();
    if (!enabled()) {
      return woken;
    }
    long now = clock.getAsLong();
    for (String c : connectors) {
      Watch w = watches.get(c);
      if (w == null || !w.awake()) {
        watches.put(c, new Watch(true, w == null ? -1 : w.routed(), now));
        woken.add(c);
      }
    }
    return woken;
  }

  /**
   * Folds one round of readings, by target connector name, and forgets targets absent from it.
   *
   * @return the targets that woke and those that fell asleep in this round
   */
  Changes observe(Map<String, Reading> readings) {
    watches.keySet().retainAll(readings.keySet());
    if (!enabled()) {
      return new Changes(Set.of(), Set.of());
    }
    long now = clock.getAsLong();
    Set<String> woken = new TreeSet<>();
    Set<String> asleep = new TreeSet<>();
    readings.forEach(
        (connector, r) -> {
          Watch w = watches.get(connector);
          boolean busy = r.lag() > 0 || (w != null && w.routed() != r.routed());
          Watch next;
          if (w == null || !w.awake()) {
            next = new Watch(r.lag() > 0, r.routed(), now);
            if (next.awake()) {
              woken.add(connector);
            }
          } else if (busy) {
            next = new Watch(true, r.routed(), now);
          } else if (now - w.quietSince() >= after.toNanos()) {
            next = new Watch(false, r.routed(), now);
            asleep.add(connector);
          } else {
            next = w;
          }
          watches.put(connector, next);
        });
    return new Changes(woken, asleep);
  }
}
