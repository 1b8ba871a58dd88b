package dev.railyard.sources.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 3164 read leniently, as BSD syslog, Linux daemons, logger and network gear write it; the
 * receiver's clock is fixed at 2026-03-01T12:00:00Z so the year each timestamp gets is known.
 */
class Rfc3164ParserTest {

  private static final Clock NOW =
      Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

  private final SyslogParser parser = new SyslogParser(SyslogParser.Mode.AUTO, ZoneOffset.UTC, NOW);

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      nullValues = "null",
      textBlock =
          """
          RFC 3164 example     | <34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick | 34  | 2025-10-11T22:14:15Z | mymachine | su     | null  | 'su root' failed for lonvick
          logger               | <13>Dec  3 13:53:55 vm myapp: hello tcp                        | 13  | 2025-12-03T13:53:55Z | vm        | myapp  | null  | hello tcp
          with pid             | <30>Feb 28 11:59:00 web01 sshd[4242]: Accepted publickey        | 30  | 2026-02-28T11:59:00Z | web01     | sshd   | 4242  | Accepted publickey
          no hostname          | <13>Mar  1 11:00:00 cron[99]: job done                          | 13  | 2026-03-01T11:00:00Z | null      | cron   | 99    | job done
          no PRI               | Mar  1 11:00:00 box kernel: eth0 up                             | 13  | 2026-03-01T11:00:00Z | box       | kernel | null  | eth0 up
          no PRI no time       | just some text                                                  | 13  | null                 | null      | null   | null  | just some text
          no time, tag         | <11>nginx: upstream timed out                                   | 11  | null                 | null      | nginx  | null  | upstream timed out
          Cisco sequence       | <189>123: *Mar  1 11:46:11.123: %SYS-5-CONFIG_I: Configured     | 189 | 2026-03-01T11:46:11.123Z | null  | null   | null  | %SYS-5-CONFIG_I: Configured
          ISO time (rsyslog)   | <13>2026-02-01T10:00:00+01:00 host app: m                      | 13  | 2026-02-01T10:00:00+01:00 | host | app    | null  | m
          tomorrow is this year| <13>Mar  2 08:00:00 h a: sender clock ahead                     | 13  | 2026-03-02T08:00:00Z | h         | a      | null  | sender clock ahead
          bad day keeps text   | <13>Feb 30 08:00:00 h a: m                                      | 13  | null                 | null      | null   | null  | Feb 30 08:00:00 h a: m
          path tag             | <14>Jan 5 01:02:03 h /usr/sbin/cron[7]: m                       | 14  | 2026-01-05T01:02:03Z | h         | /usr/sbin/cron | 7 | m
          """)
  void shouldReadBsdSyslogLines(
      String name,
      String line,
      int pri,
      String time,
      String host,
      String app,
      String pid,
      String message)
      throws Exception {
    SyslogMessage m = parser.parse(line.strip());

    assertThat(m.format()).isEqualTo(SyslogMessage.Format.RFC3164);
    assertThat(m.facility() * 8 + m.severity()).isEqualTo(pri);
    assertThat(m.timestamp()).isEqualTo(time == null ? null : OffsetDateTime.parse(time));
    assertThat(m.hostname()).isEqualTo(host);
    assertThat(m.appName()).isEqualTo(app);
    assertThat(m.procId()).isEqualTo(pid);
    assertThat(m.message()).isEqualTo(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          PRI above 191   | <200>Mar  1 11:00:00 h a: m
          PRI not closed  | <13 Mar  1 11:00:00 h a: m
          PRI letters     | <1a>Mar  1 11:00:00 h a: m
          only a PRI      | <13>
          """)
  void shouldRefuseABrokenPri(String name, String line) {
    assertThatThrownBy(() -> parser.parse(line.strip()))
        .isInstanceOf(MalformedMessageException.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          December read in January   | 2027-01-01T00:00:30Z | Dec 31 23:59:50 | 2026-12-31T23:59:50+01:00
          January read in December   | 2026-12-31T23:59:50Z | Jan  1 00:00:20 | 2027-01-01T00:00:20+01:00
          leap day from a later year | 2027-03-01T00:00:00Z | Feb 29 10:00:00 | 2024-02-29T10:00:00+01:00
          """)
  void shouldPickTheYearSoTheTimeIsNotInTheFuture(
      String name, String now, String stamp, String expected) throws Exception {
    // given a receiver in Paris (UTC+1 in winter) at the time given
    SyslogParser paris =
        new SyslogParser(
            SyslogParser.Mode.RFC3164,
            ZoneId.of("Europe/Paris"),
            Clock.fixed(Instant.parse(now), ZoneOffset.UTC));

    // when a timestamp without a year comes
    SyslogMessage m = paris.parse("<13>" + stamp + " h a: m");

    // then it is put in the year closest to now that is not (much) ahead
    assertThat(m.timestamp()).isEqualTo(OffsetDateTime.parse(expected));
  }
}
