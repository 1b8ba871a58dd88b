package dev.railyard.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

  private final AtomicLong now = new AtomicLong();
  private final RateLimits limits = new RateLimits(10, 1, now::get);

  @Test
  void shouldAllowABurstOfTwoSecondsThenTheRate() {
    for (int i = 0; i < 20; i++) {
      assertThat(limits.acquire("t", RateLimits.Kind.EVENTS)).as("call " + i).isZero();
    }
    assertThat(limits.acquire("t", RateLimits.Kind.EVENTS)).isEqualTo(1);

    now.addAndGet(100_000_000); // 0.1 s: one more call's worth

    assertThat(limits.acquire("t", RateLimits.Kind.EVENTS)).isZero();
    assertThat(limits.acquire("t", RateLimits.Kind.EVENTS)).isEqualTo(1);
  }

  @Test
  void shouldKeepTokensAndKindsApart() {
    limits.acquire("a", RateLimits.Kind.WRITES);
    limits.acquire("a", RateLimits.Kind.WRITES);

    assertThat(limits.acquire("a", RateLimits.Kind.WRITES)).isPositive();
    assertThat(limits.acquire("b", RateLimits.Kind.WRITES)).isZero();
    assertThat(limits.acquire("a", RateLimits.Kind.EVENTS)).isZero();
  }

  @Test
  void shouldNotLimitAtARateOfZero() {
    for (int i = 0; i < 1000; i++) {
      assertThat(RateLimits.NONE.acquire("t", RateLimits.Kind.WRITES)).isZero();
    }
  }
}
