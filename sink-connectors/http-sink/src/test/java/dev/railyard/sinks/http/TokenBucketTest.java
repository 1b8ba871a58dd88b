package dev.railyard.sinks.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

  private static final long MS = 1_000_000L;

  private final AtomicLong now = new AtomicLong(1_000 * MS);

  @Test
  void shouldLetABurstGoAtOnceThenSpaceRequestsByTheRate() {
    // given 100 a second, a burst of 3
    TokenBucket bucket = new TokenBucket(100, 3, now::get);

    // when / then the burst needs no wait, the next ones 10 ms each after the other
    assertThat(bucket.reserve()).isZero();
    assertThat(bucket.reserve()).isZero();
    assertThat(bucket.reserve()).isZero();
    assertThat(bucket.reserve()).isEqualTo(10 * MS);
    assertThat(bucket.reserve()).isEqualTo(20 * MS);
  }

  @Test
  void shouldRefillUpToTheBurstOnly() {
    // given an emptied bucket
    TokenBucket bucket = new TokenBucket(100, 2, now::get);
    bucket.reserve();
    bucket.reserve();

    // when a long quiet spell passes
    now.addAndGet(10_000 * MS);

    // then only the burst goes at once
    assertThat(bucket.reserve()).isZero();
    assertThat(bucket.reserve()).isZero();
    assertThat(bucket.reserve()).isEqualTo(10 * MS);
  }

  @Test
  void shouldNeverLetMoreThanTheBurstPlusTheRateThroughInAnySpan() {
    // given 50 a second, a burst of 5, and 200 requests reserved 1 ms apart
    TokenBucket bucket = new TokenBucket(50, 5, now::get);
    long[] sendAt = new long[200];
    for (int i = 0; i < sendAt.length; i++) {
      sendAt[i] = now.get() + bucket.reserve();
      now.addAndGet(MS);
    }

    // then every span [i, j] of send times holds at most 5 + 50 · seconds requests
    for (int i = 0; i < sendAt.length; i++) {
      for (int j = i; j < sendAt.length; j++) {
        double seconds = (sendAt[j] - sendAt[i]) / 1e9;
        assertThat(j - i + 1)
            .as("requests %d..%d", i, j)
            .isLessThanOrEqualTo(5 + (int) (50 * seconds) + 1);
      }
    }
    assertThat(sendAt[199] - sendAt[0])
        .as("200 requests at 50/s after a burst of 5")
        .isGreaterThanOrEqualTo(3_800 * MS);
  }

  @Test
  void shouldHandOutNothingDuringAPause() {
    // given
    TokenBucket bucket = new TokenBucket(100, 10, now::get);

    // when the endpoint asks for 2 s of quiet
    bucket.pause(2_000 * MS);

    // then the next token waits for the pause, and only one goes at its end
    assertThat(bucket.pauseLeft()).isEqualTo(2_000 * MS);
    assertThat(bucket.reserve()).isEqualTo(2_000 * MS);
    assertThat(bucket.reserve()).isEqualTo(2_010 * MS);
    now.addAndGet(2_000 * MS);
    assertThat(bucket.pauseLeft()).isZero();
  }

  @Test
  void shouldKeepTheLongerOfTwoPauses() {
    TokenBucket bucket = new TokenBucket(0, 1, now::get);
    bucket.pause(3_000 * MS);
    bucket.pause(1_000 * MS);
    assertThat(bucket.reserve()).isEqualTo(3_000 * MS);
  }

  @Test
  void shouldNotLimitWithoutARate() {
    TokenBucket bucket = new TokenBucket(0, 1, now::get);
    for (int i = 0; i < 1_000; i++) {
      assertThat(bucket.reserve()).isZero();
    }
  }
}
