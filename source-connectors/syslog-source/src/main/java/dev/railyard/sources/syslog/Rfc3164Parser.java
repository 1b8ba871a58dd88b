package dev.railyard.sources.syslog;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a message the way BSD syslog (RFC 3164) senders write it, leniently, since RFC 3164
 * describes practice rather than prescribing it: the PRI may be missing (then user.notice, as the
 * RFC says), the timestamp is {@code Mmm dd hh:mm:ss} (with fractions, a Cisco sequence number and
 * {@code *} before it, or an RFC 3339 time instead) or absent, and the hostname and the {@code
 * tag[pid]:} are found by heuristics. Only a PRI that is there but broken, or no content at all, is
 * malformed. Thread-safe.
 */
final class Rfc3164Parser {

  /** user.notice: what RFC 3164 section 4.3.3 gives a message without a PRI. */
  static final int DEFAULT_PRI = 13;

  /** How far ahead of the receiver's clock a sender's clock may be before we pick an older year. */
  private static final long SKEW_SECONDS = 24 * 3600;

  private static final Pattern CISCO_SEQUENCE = Pattern.compile("^\\d+: [*.]?");
  private static final Pattern BSD_TIME =
      Pattern.compile(
          "^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([ \\d]?\\d) "
              + "(\\d{2}):(\\d{2}):(\\d{2})(\\.\\d{1,9})?:?(?: +|$)");
  private static final Pattern ISO_TIME = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}T\\S+)(?: +|$)");
  private static final Pattern HOSTNAME = Pattern.compile("^([^\\s:\\[%]{1,255}) +");
  private static final Pattern TAG =
      Pattern.compile("^([A-Za-z0-9_.\\-/]{1,48})(?:\\[([^\\]\\s]{1,128})\\])?:(?: +|$)");
  private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

  private final ZoneId zone;
  private final Clock clock;

  /**
   * @param zone the zone the senders' timestamps are in (they do not say)
   * @param clock the receiver's clock, to pick the year the timestamp does not give
   */
  Rfc3164Parser(ZoneId zone, Clock clock) {
    this.zone = zone;
    this.clock = clock;
  }

  SyslogMessage parse(String text) throws MalformedMessageException {
    int pri = DEFAULT_PRI;
    String rest = text;
    if (text.startsWith("<")) {
      int end = Pri.end(text, false);
      pri = Pri.value(text, end);
      rest = text.substring(end);
    }
    if (rest.isBlank()) {
      throw new MalformedMessageException("no content after the PRI");
    }
    Stamped stamped = stamped(rest);
    rest = stamped.rest();
    String hostname = null;
    if (stamped.time() != null) {
      Matcher host = HOSTNAME.matcher(rest);
      if (host.find() && !TAG.matcher(rest).find()) {
        hostname = host.group(1);
        rest = rest.substring(host.end());
      }
    }
    String app = null;
    String procId = null;
    Matcher tag = TAG.matcher(rest);
    if (tag.find()) {
      app = tag.group(1);
      procId = tag.group(2);
      rest = rest.substring(tag.end());
    }
    return new SyslogMessage(
        SyslogMessage.Format.RFC3164,
        pri / 8,
        pri % 8,
        stamped.time(),
        hostname,
        app,
        procId,
        null,
        Map.of(),
        rest);
  }

  /** A message's timestamp (null without one) and the text after it. */
  private record Stamped(OffsetDateTime time, String rest) {}

  /**
   * The timestamp at the start of {@code text}, after a Cisco sequence number: BSD's or RFC 3339;
   * one that is not a time (Feb 30, 25:00:00) is left in the text.
   */
  private Stamped stamped(String text) {
    String rest = text;
    Matcher seq = CISCO_SEQUENCE.matcher(rest);
    if (seq.find() && BSD_TIME.matcher(rest.substring(seq.end())).find()) {
      rest = rest.substring(seq.end());
    }
    Matcher bsd = BSD_TIME.matcher(rest);
    if (bsd.find() && bsdTime(bsd) != null) {
      return new Stamped(bsdTime(bsd), rest.substring(bsd.end()));
    }
    Matcher iso = ISO_TIME.matcher(rest);
    if (iso.find() && isoTime(iso.group(1)) != null) {
      return new Stamped(isoTime(iso.group(1)), rest.substring(iso.end()));
    }
    return new Stamped(null, text);
  }

  /**
   * The timestamp in the configured zone, in the year that puts it closest to now without being
   * more than a day ahead: a December message read in January is last year's.
   */
  private OffsetDateTime bsdTime(Matcher m) {
    int month = MONTHS.indexOf(m.group(1)) / 3 + 1;
    int day = Integer.parseInt(m.group(2).trim());
    int nanos = 0;
    if (m.group(6) != null) {
      String fraction = (m.group(6).substring(1) + "000000000").substring(0, 9);
      nanos = Integer.parseInt(fraction);
    }
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
    for (int year = now.getYear() + 1; year >= now.getYear() - 4; year--) {
      try {
        ZonedDateTime t =
            LocalDateTime.of(
                    year,
                    month,
                    day,
                    Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)),
                    Integer.parseInt(m.group(5)),
                    nanos)
                .atZone(zone);
        if (!t.isAfter(now.plusSeconds(SKEW_SECONDS))) {
          return t.toOffsetDateTime();
        }
      } catch (DateTimeException e) {
        // Feb 29 of a year that has none, or hours past 23: try the year before
      }
    }
    return null;
  }

  private static OffsetDateTime isoTime(String text) {
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeException e) {
      return null;
    }
  }
}
