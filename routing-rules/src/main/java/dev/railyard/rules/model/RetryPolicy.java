package dev.railyard.rules.model;

/**
 * How long delivery to a target is retried before the event goes to the dead-letter topic (or is dropped), as
 * EventBridge's retry policy: at most {@code maxAttempts} retries within {@code maxAgeSeconds} of the event's
 * arrival, whichever ends first.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxAttempts   retries after the first attempt, {@value #MIN_ATTEMPTS}..{@value #MAX_ATTEMPTS}
 * @param maxAgeSeconds how old an event may get while retried, {@value #MIN_AGE_SECONDS}..{@value #MAX_AGE_SECONDS}
 */
public record RetryPolicy(int maxAttempts, int maxAgeSeconds) {

    public static final int MIN_ATTEMPTS = 0;
    public static final int MAX_ATTEMPTS = 185;
    public static final int MIN_AGE_SECONDS = 60;
    public static final int MAX_AGE_SECONDS = 86_400;

    /** EventBridge's default: 185 retries within 24 hours. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(MAX_ATTEMPTS, MAX_AGE_SECONDS);

    /** @throws IllegalArgumentException when a value is out of its range */
    public RetryPolicy {
        if (maxAttempts < MIN_ATTEMPTS || maxAttempts > MAX_ATTEMPTS) {
            throw new IllegalArgumentException("maxAttempts must be between " + MIN_ATTEMPTS + " and " + MAX_ATTEMPTS
                    + ", not " + maxAttempts);
        }
        if (maxAgeSeconds < MIN_AGE_SECONDS || maxAgeSeconds > MAX_AGE_SECONDS) {
            throw new IllegalArgumentException("maxAgeSeconds must be between " + MIN_AGE_SECONDS + " and "
                    + MAX_AGE_SECONDS + ", not " + maxAgeSeconds);
        }
    }
}
