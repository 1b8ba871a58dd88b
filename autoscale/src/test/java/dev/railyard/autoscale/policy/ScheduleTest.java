package dev.railyard.autoscale.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleTest {

  // 2026-12-02 is a Wednesday
  private static Instant utc(String text) {
    return Instant.parse(text);
  }

  @ParameterizedTest(name = "{0} at {1} → {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "mon-fri 08:00-18:00 workers=3 | 2026-12-02T08:00:00Z | 3",
        "mon-fri 08:00-18:00 workers=3 | 2026-12-02T17:59:59Z | 3",
        "mon-fri 08:00-18:00 workers=3 | 2026-12-02T18:00:00Z | 0",
        "mon-fri 08:00-18:00 workers=3 | 2026-12-05T10:00:00Z | 0",
        "sat,sun 10:00-14:00 workers=2 | 2026-12-05T10:00:00Z | 2",
        "* 22:00-06:00 workers=4 | 2026-12-02T23:00:00Z | 4",
        "* 22:00-06:00 workers=4 | 2026-12-03T05:59:00Z | 4",
        "* 22:00-06:00 workers=4 | 2026-12-03T06:00:00Z | 0",
        "fri 22:00-02:00 workers=4 | 2026-12-05T01:00:00Z | 4",
        "fri 22:00-02:00 workers=4 | 2026-12-06T01:00:00Z | 0",
        "wed 00:00-24:00 workers=1 | 2026-12-02T23:59:00Z | 1",
        "wed 09:00-10:00 Europe/Berlin workers=5 | 2026-12-02T08:30:00Z | 5",
        "wed 09:00-10:00 Europe/Berlin workers=5 | 2026-12-02T09:30:00Z | 0",
        "wed 08:00-18:00 workers=3; wed 12:00-13:00 workers=6 | 2026-12-02T12:30:00Z | 6",
      })
  void shouldGiveTheLargestCountOfTheWindowsCoveringAnInstant(
      String schedule, String instant, int workers) {
    assertThat(Schedule.parse(schedule).minimumAt(utc(instant))).isEqualTo(workers);
  }

  @Test
  void shouldTakeBlankAsNoWindow() {
    assertThat(Schedule.parse(" ").isEmpty()).isTrue();
    assertThat(Schedule.parse(null).minimumAt(Instant.EPOCH)).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "mon-fri 08:00-18:00 | window 1 ('mon-fri 08:00-18:00'): expected <days>",
        "mo-fr 08:00-18:00 workers=3 | window 1 ('mo-fr 08:00-18:00 workers=3'): 'mo' is not a day",
        "mon 8-18 workers=3 | '8' is not a time like 08:00",
        "mon 08:00 workers=3 | '08:00' is not a time range like 08:00-18:00",
        "mon 08:00-08:00 workers=3 | the range 08:00-08:00 is empty",
        "mon 08:00-18:00 Mars/Olympus workers=3 | 'Mars/Olympus' is not a time zone",
        "mon 08:00-18:00 3 | '3' should be workers=<n>",
        "mon 08:00-18:00 workers=-1 | needs a whole number of workers",
        "mon 08:00-18:00 workers=1; tue 25:00-26:00 workers=1 | window 2 ('tue 25:00-26:00 workers=1')",
      })
  void shouldRefuseAWindowThatDoesNotParseSayingWhichAndWhy(String schedule, String message) {
    assertThatThrownBy(() -> Schedule.parse(schedule))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
