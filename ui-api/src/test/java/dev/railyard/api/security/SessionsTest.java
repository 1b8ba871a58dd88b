package dev.railyard.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SessionsTest {

  /** A clock the test moves by hand. */
  private static final class Hand extends Clock {
    Instant now = Instant.parse("2026-12-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void shouldEndASessionAfterItsIdleTimeAndAfterItsLifetime() {
    Hand clock = new Hand();
    Sessions sessions = new Sessions(clock);
    Sessions.Session idle = sessions.start("t1");
    Sessions.Session busy = sessions.start("t2");

    for (int hour = 0; hour < 23; hour++) {
      clock.now = clock.now.plus(Duration.ofHours(1));
      assertThat(sessions.use(busy.id())).isPresent();
    }
    clock.now = clock.now.plus(Duration.ofHours(2));

    assertThat(sessions.use(idle.id())).isEmpty();
    assertThat(sessions.use(busy.id())).isEmpty();
  }

  @Test
  void shouldEndEverySessionOfARevokedToken() {
    Sessions sessions = new Sessions();
    Sessions.Session a = sessions.start("t1");
    Sessions.Session b = sessions.start("t1");
    Sessions.Session other = sessions.start("t2");

    sessions.endAll("t1");

    assertThat(sessions.use(a.id())).isEmpty();
    assertThat(sessions.use(b.id())).isEmpty();
    assertThat(sessions.use(other.id())).isPresent();
    assertThat(a.csrf()).isNotEqualTo(a.id()).hasSizeGreaterThan(40);
  }
}
