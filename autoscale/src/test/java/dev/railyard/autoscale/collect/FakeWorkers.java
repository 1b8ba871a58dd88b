package dev.railyard.autoscale.collect;

import dev.railyard.autoscale.actuate.WorkerActuator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A worker actuator in memory: its counts are what the test sets; scale requests are recorded. */
public final class FakeWorkers implements WorkerActuator {

  public volatile int current;
  public volatile int desired;
  public final int min;
  public final int max;
  public final List<Integer> requests = new ArrayList<>();
  public volatile CompletableFuture<Object> next = CompletableFuture.completedFuture(null);

  public FakeWorkers(int current, int min, int max) {
    this.current = current;
    this.desired = current;
    this.min = min;
    this.max = max;
  }

  @Override
  public int currentWorkers() {
    return current;
  }

  @Override
  public int desiredWorkers() {
    return desired;
  }

  @Override
  public int minWorkers() {
    return min;
  }

  @Override
  public int maxWorkers() {
    return max;
  }

  @Override
  public synchronized CompletionStage<?> scaleTo(int count) {
    if (count < min || count > max) {
      throw new IllegalArgumentException("count must be between " + min + " and " + max);
    }
    requests.add(count);
    desired = count;
    return next.thenRun(() -> current = count);
  }

  /** A clock the test moves. */
  public static final class TestClock extends Clock {
    private volatile Instant now;

    public TestClock(Instant start) {
      now = start;
    }

    public void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
