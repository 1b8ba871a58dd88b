package dev.railyard.sinks.http;

import java.util.function.LongSupplier;

/**
 * A token bucket of requests: {@code rate} tokens a second up to {@code burst}, starting full.
 * Callers reserve a token and wait the time they are told before sending, so over any span of
 * {@code t} seconds at most {@code burst + rate · t} requests go out. Holds also a pause, until
 * which nothing is handed out (an endpoint's {@code Retry-After}). Thread-safe.
 */
final class TokenBucket {

  /**
   * What the bucket decided, and when by its own clock, so tests can check the schedule it kept
   * rather than arrival times that a loaded machine blurs. Called under the bucket's lock; must be
   * quick and thread-safe.
   */
  interface Trace {
    Trace NONE = new Trace() {};

    /** A token was taken, usable from {@code at}. */
    default void permitted(long at) {}

    /** A request passed the gate at {@code at}, no pause being on. */
    default void released(long at) {}

    /** Nothing may pass from {@code from} until {@code until}. */
    default void paused(long from, long until) {}
  }

  private final double perNano;
  private final double burst;
  private final LongSupplier nanoTime;
  private final Trace trace;
  private double tokens;
  private long updated;
  private long pausedUntil;

  /**
   * @param rate tokens a second; 0 or less for no limit (only pauses apply)
   * @param nanoTime the clock, {@link System#nanoTime} outside tests
   */
  TokenBucket(double rate, int burst, LongSupplier nanoTime) {
    this(rate, burst, nanoTime, Trace.NONE);
  }

  TokenBucket(double rate, int burst, LongSupplier nanoTime, Trace trace) {
    this.trace = trace;
    this.perNano = rate / 1e9;
    this.burst = Math.max(1, burst);
    this.nanoTime = nanoTime;
    this.tokens = this.burst;
    this.updated = nanoTime.getAsLong();
    this.pausedUntil = updated;
  }

  /** Takes a token; returns how many nanoseconds to wait before using it, 0 for now. */
  synchronized long reserve() {
    long now = nanoTime.getAsLong();
    long wait = waitFor(now);
    trace.permitted(now + wait);
    return wait;
  }

  private long waitFor(long now) {
    long pause = Math.max(0, pausedUntil - now);
    if (perNano <= 0) {
      return pause;
    }
    // tokens accrue from now on only once a pause is over
    long from = Math.max(now, pausedUntil);
    if (from > updated) {
      tokens = Math.min(burst, tokens + (from - updated) * perNano);
      updated = from;
    }
    tokens -= 1;
    if (tokens >= 0) {
      return Math.max(pause, updated - now);
    }
    // a debt: the token is the one that accrues after those already promised
    return Math.max(pause, updated - now + (long) Math.ceil(-tokens / perNano));
  }

  /** How many nanoseconds of a pause are left, 0 when none. */
  synchronized long pauseLeft() {
    return Math.max(0, pausedUntil - nanoTime.getAsLong());
  }

  /**
   * Lets a request through when no pause is on, returning 0; else returns the nanoseconds of the
   * pause left, and the caller asks again after them (a pause may be lengthened meanwhile).
   */
  synchronized long release() {
    long now = nanoTime.getAsLong();
    long left = Math.max(0, pausedUntil - now);
    if (left == 0) {
      trace.released(now);
    }
    return left;
  }

  /** Hands out nothing for {@code nanos} from now (a longer pause already set stays). */
  synchronized void pause(long nanos) {
    long now = nanoTime.getAsLong();
    long until = now + nanos;
    if (until - pausedUntil > 0) {
      pausedUntil = until;
      trace.paused(now, until);
      if (perNano > 0) {
        // the endpoint asked for quiet: nothing accrues meanwhile, and no burst waits at its end
        tokens = Math.min(tokens, 1);
        updated = Math.max(updated, until);
      }
    }
  }
}
