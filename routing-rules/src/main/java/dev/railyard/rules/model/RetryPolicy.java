package dev.railyard.rules.model;

import java.util.Random;

/**
 * How long delivery to a target is retried before the event goes to the dead-letter topic (or is
 * dropped), as EventBridge's retry policy: at most {@code maxAttempts} retries within {@code
 * maxAgeSeconds} of the event's arrival at the target, whichever ends first. The wait before retry
 * {@code n} grows exponentially from {@code initialBackoffMs}, capped at {@code maxBackoffMs}, with
 * jitter so that failing targets do not retry in lock step.
 *
 * <p>With {@code inOrder} (the default) a failing record is retried before any later record of its
 * partition, which keeps each key's order (what change-data targets need) but holds the target back
 * while it retries. Without it, a failing record is parked in the target's retry topic and the
 * records after it go on, as EventBridge does.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxAttempts retries after the first attempt, {@value #MIN_ATTEMPTS}..{@value
 *     #MAX_ATTEMPTS}
 * @param maxAgeSeconds how old an event may get while retried, {@value #MIN_AGE_SECONDS}..{@value
 *     #MAX_AGE_SECONDS}
 * @param initialBackoffMs the wait before the first retry, {@value #MIN_BACKOFF_MS}..{@value
 *     #MAX_BACKOFF_MS}
 * @param maxBackoffMs the longest wait between two attempts, {@code initialBackoffMs}..{@value
 *     #MAX_BACKOFF_MS}
 * @param inOrder whether a failing record holds back the records after it (true) or is parked in
 *     the retry topic while they go on (false)
 */
public record RetryPolicy(
    int maxAttempts, int maxAgeSeconds, int initialBackoffMs, int maxBackoffMs, boolean inOrder) {

  public static final int MIN_ATTEMPTS = 0;
  public static final int MAX_ATTEMPTS = 185;
  public static final int MIN_AGE_SECONDS = 60;
  public static final int MAX_AGE_SECONDS = 86_400;
  public static final int MIN_BACKOFF_MS = 10;
  public static final int MAX_BACKOFF_MS = 3_600_000;
  public static final int DEFAULT_INITIAL_BACKOFF_MS = 1_000;
  public static final int DEFAULT_MAX_BACKOFF_MS = 60_000;

  /** EventBridge's default: 185 retries within 24 hours; waits from 1 s doubling up to 1 min. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(MAX_ATTEMPTS, MAX_AGE_SECONDS);

  /**
   * @throws IllegalArgumentException when a value is out of its range
   */
  public RetryPolicy {
    if (maxAttempts < MIN_ATTEMPTS || maxAttempts > MAX_ATTEMPTS) {
      throw new IllegalArgumentException(
          "maxAttempts must be between "
              + MIN_ATTEMPTS
              + " and "
              + MAX_ATTEMPTS
              + ", not "
              + maxAttempts);
    }
    if (maxAgeSeconds < MIN_AGE_SECONDS || maxAgeSeconds > MAX_AGE_SECONDS) {
      throw new IllegalArgumentException(
          "maxAgeSeconds must be between "
              + MIN_AGE_SECONDS
              + " and "
              + MAX_AGE_SECONDS
              + ", not "
              + maxAgeSeconds);
    }
    if (initialBackoffMs < MIN_BACKOFF_MS || initialBackoffMs > MAX_BACKOFF_MS) {
      throw new IllegalArgumentException(
          "initialBackoffMs must be between "
              + MIN_BACKOFF_MS
              + " and "
              + MAX_BACKOFF_MS
              + ", not "
              + initialBackoffMs);
    }
    if (maxBackoffMs < initialBackoffMs || maxBackoffMs > MAX_BACKOFF_MS) {
      throw new IllegalArgumentException(
          "maxBackoffMs must be between initialBackoffMs ("
              + initialBackoffMs
              + ") and "
              + MAX_BACKOFF_MS
              + ", not "
              + maxBackoffMs);
    }
  }

  /** A policy that keeps the order of each partition. */
  public RetryPolicy(int maxAttempts, int maxAgeSeconds, int initialBackoffMs, int maxBackoffMs) {
    this(maxAttempts, maxAgeSeconds, initialBackoffMs, maxBackoffMs, true);
  }

  /** A policy with the default backoff that keeps the order of each partition. */
  public RetryPolicy(int maxAttempts, int maxAgeSeconds) {
    this(maxAttempts, maxAgeSeconds, DEFAULT_INITIAL_BACKOFF_MS, DEFAULT_MAX_BACKOFF_MS);
  }

  /**
   * The wait before retry number {@code retry} (1 for the first retry): {@code initialBackoffMs *
   * 2^(retry-1)} capped at {@code maxBackoffMs}, of which a random half is taken off ("equal
   * jitter"), so waits never collapse to zero yet spread out.
   *
   * @param retry 1 or more
   * @param random the source of jitter; not shared between threads unless it is thread-safe
   */
  public long backoffMs(int retry, Random random) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry numbers start at 1, not " + retry);
    }
    long ceiling = initialBackoffMs;
    for (int i = 1; i < retry && ceiling < maxBackoffMs; i++) {
      ceiling *= 2;
    }
    ceiling = Math.min(ceiling, maxBackoffMs);
    long half = ceiling / 2;
    return ceiling - half + (half == 0 ? 0 : (long) (random.nextDouble() * (half + 1)));
  }
}
