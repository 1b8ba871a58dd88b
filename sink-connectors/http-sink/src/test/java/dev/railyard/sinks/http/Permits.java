package dev.railyard.sinks.http;

import java.util.ArrayList;
import java.util.List;

/** What token buckets decided, recorded for a test; one may serve several tasks. Thread-safe. */
final class Permits implements TokenBucket.Trace {

  /** A pause, from and until, in nanoseconds. */
  record Pause(long from, long until) {}

  private final List<Long> permitted = new ArrayList<>();
  private final List<Long> released = new ArrayList<>();
  private final List<Pause> pauses = new ArrayList<>();

  @Override
  public synchronized void permitted(long at) {
    permitted.add(at);
  }

  @Override
  public synchronized void released(long at) {
    released.add(at);
  }

  @Override
  public synchronized void paused(long from, long until) {
    pauses.add(new Pause(from, until));
  }

  /** When each token taken so far may be used, in the order taken. */
  synchronized List<Long> permitted() {
    return new ArrayList<>(permitted);
  }

  /** When each request passed the gate, in that order. */
  synchronized List<Long> released() {
    return new ArrayList<>(released);
  }

  synchronized List<Pause> pauses() {
    return new ArrayList<>(pauses);
  }
}
