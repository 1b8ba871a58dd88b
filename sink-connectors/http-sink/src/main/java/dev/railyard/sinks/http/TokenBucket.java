package dev.railyard.sinks.http;

import java.util.function.LongSupplier;

/**
 * A token bucket of requests: {@code rate} tokens a second up to {@code burst}, starting full.
 * Callers reserve a token and wait the time they are told before sending, so over any span of
 * {@code t} seconds at most {@code burst + rate · t} requests go out. Holds also a pause, until
 * which nothing is handed out (an endpoint's {@code Retry-After}). Thread-safe.
 */
final class TokenBucket {

  private final double perNano;
  private final double burst;
  private final LongSupplier nanoTime;
  private double tokens;
  private long updated;
  private long pausedUntil;

  /**
   * @param rate tokens a second; 0 or less for no limit (only pauses apply)
   * @param nanoTime the clock, {@link System#nanoTime} outside tests
   */
  TokenBucket(double rate, int burst, LongSupplier nanoTime) {
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

  /** Hands out nothing for {@code nanos} from now (a longer pause already set stays). */
  synchronized void pause(long nanos) {
    long until = nanoTime.getAsLong() + nanos;
    if (until - pausedUntil > 0) {
      pausedUntil = until;
      if (perNano > 0) {
        // the endpoint asked for quiet: nothing accrues meanwhile, and no burst waits at its end
        tokens = Math.min(tokens, 1);
        updated = Math.max(updated, until);
      }
    }
  }
}
