package dev.railyard.api.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-token rate limits, as token buckets: each token has one bucket for PutEvents calls and one
 * for other writes, refilled continuously at the configured rate and holding at most one second's
 * worth twice over (a burst). Reads are not limited. One token's flood never slows another's.
 *
 * <p>Thread-safe.
 */
public final class RateLimits {

  /** What a request is counted as. */
  public enum Kind {
    /** {@code POST /api/v1/events}. */
    EVENTS,
    /** Any other request that changes something. */
    WRITES
  }

  /** No limit at all. */
  public static final RateLimits NONE = new RateLimits(0, 0);

  private final double eventsPerSecond;
  private final double writesPerSecond;
  private final LongSupplier nanos;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /**
   * @param eventsPerSecond PutEvents calls per second and token, 0 for no limit
   * @param writesPerSecond other writes per second and token, 0 for no limit
   */
  public RateLimits(double eventsPerSecond, double writesPerSecond) {
    this(eventsPerSecond, writesPerSecond, System::nanoTime);
  }

  RateLimits(double eventsPerSecond, double writesPerSecond, LongSupplier nanos) {
    if (eventsPerSecond < 0 || writesPerSecond < 0) {
      throw new IllegalArgumentException("rates must not be negative");
    }
    this.eventsPerSecond = eventsPerSecond;
    this.writesPerSecond = writesPerSecond;
    this.nanos = nanos;
  }

  /**
   * Takes one request of {@code kind} from the token's bucket.
   *
   * @return 0 when it may go ahead, else the whole seconds after which one would be allowed
   */
  public long acquire(String tokenId, Kind kind) {
    double rate = kind == Kind.EVENTS ? eventsPerSecond : writesPerSecond;
    if (rate == 0) {
      return 0;
    }
    Bucket bucket = buckets.computeIfAbsent(tokenId + "/" + kind, k -> new Bucket(2 * rate));
    return bucket.take(rate, nanos.getAsLong());
  }

  /** Forgets a revoked token's buckets. */
  public void forget(String tokenId) {
    buckets.keySet().removeIf(k -> k.startsWith(tokenId + "/"));
  }

  /** The rate of {@code kind}, for messages. */
  public double rate(Kind kind) {
    return kind == Kind.EVENTS ? eventsPerSecond : writesPerSecond;
  }

  private static final class Bucket {
    private final double capacity;
    private double tokens;
    private long last = Long.MIN_VALUE;

    Bucket(double capacity) {
      this.capacity = Math.max(1, capacity);
      this.tokens = this.capacity;
    }

    synchronized long take(double rate, long now) {
      if (last != Long.MIN_VALUE) {
        tokens = Math.min(capacity, tokens + (now - last) / 1e9 * rate);
      }
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - tokens) / rate));
    }
  }
}
