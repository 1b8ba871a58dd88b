package dev.railyard.sinks.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {

  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

  @Test
  void shouldReadSeconds() {
    assertThat(RetryAfter.of(429, "120", NOW)).contains(Duration.ofSeconds(120));
    assertThat(RetryAfter.of(503, " 0 ", NOW)).contains(Duration.ZERO);
  }

  @Test
  void shouldReadAnHttpDateAgainstTheClock() {
    assertThat(RetryAfter.of(503, "Thu, 03 Dec 2026 12:00:07 GMT", NOW))
        .contains(Duration.ofSeconds(7));
  }

  @Test
  void shouldGiveZeroForADateGoneBy() {
    assertThat(RetryAfter.of(429, "Thu, 03 Dec 2026 11:59:00 GMT", NOW)).contains(Duration.ZERO);
  }

  @Test
  void shouldCapSecondsTooLargeForALong() {
    assertThat(RetryAfter.of(429, "99999999999999999999999", NOW).orElseThrow())
        .isGreaterThan(Duration.ofDays(365));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "soon", "-5", "1.5", "03 Dec 2026"})
  void shouldIgnoreWhatItDoesNotUnderstand(String header) {
    assertThat(RetryAfter.of(429, header, NOW)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 408, 500, 502, 504, 400})
  void shouldTakeItOnlyFrom429And503(int status) {
    assertThat(RetryAfter.of(status, "5", NOW)).isEmpty();
  }

  @Test
  void shouldIgnoreAMissingHeader() {
    assertThat(RetryAfter.of(429, null, NOW)).isEmpty();
  }
}
