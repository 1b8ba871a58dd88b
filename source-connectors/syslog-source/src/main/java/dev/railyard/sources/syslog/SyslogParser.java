package dev.railyard.sources.syslog;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns the bytes of one received message into a {@link SyslogMessage}: as RFC 5424, as RFC 3164,
 * or ({@code auto}) as RFC 5424 when it starts with {@code <PRI>1 } and as RFC 3164 otherwise.
 * Thread-safe.
 */
final class SyslogParser {

  /** Which syslog protocol messages are read as. */
  enum Mode {
    AUTO,
    RFC5424,
    RFC3164;

    static Mode of(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT));
    }
  }

  private static final Pattern RFC5424_START = Pattern.compile("^<\\d{1,3}>1 ");

  private final Mode mode;
  private final Rfc3164Parser rfc3164;

  SyslogParser(Mode mode, ZoneId zone, Clock clock) {
    this.mode = mode;
    this.rfc3164 = new Rfc3164Parser(zone, clock);
  }

  /**
   * Decodes the bytes as UTF-8 (bytes that are not become U+FFFD), leaves out the line ends and
   * NULs some senders add to a datagram, and parses what is left.
   */
  SyslogMessage parse(byte[] bytes) throws MalformedMessageException {
    return parse(text(bytes));
  }

  SyslogMessage parse(String text) throws MalformedMessageException {
    if (text.isEmpty()) {
      throw new MalformedMessageException("an empty message");
    }
    return switch (mode) {
      case RFC5424 -> Rfc5424Parser.parse(text);
      case RFC3164 -> rfc3164.parse(text);
      case AUTO ->
          RFC5424_START.matcher(text).find() ? Rfc5424Parser.parse(text) : rfc3164.parse(text);
    };
  }

  /** The text of a message's bytes, as {@link #parse(byte[])} reads it. */
  static String text(byte[] bytes) {
    int end = bytes.length;
    while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r' || bytes[end - 1] == 0)) {
      end--;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8);
  }
}
