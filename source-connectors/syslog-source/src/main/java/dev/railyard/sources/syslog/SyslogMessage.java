package dev.railyard.sources.syslog;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One parsed syslog message. Fields the message did not carry (RFC 5424's NILVALUE {@code -}, or
 * what RFC 3164's heuristics did not find) are null; {@code structuredData} is never null.
 *
 * @param facility 0 to 23
 * @param severity 0 (emergency) to 7 (debug)
 * @param timestamp the message's own time, null when it had none
 * @param structuredData SD-ID to its parameters, in the order of the message
 */
record SyslogMessage(
    Format format,
    int facility,
    int severity,
    OffsetDateTime timestamp,
    String hostname,
    String appName,
    String procId,
    String msgId,
    Map<String, Map<String, String>> structuredData,
    String message) {

  /** The syslog protocol a message was read as. */
  enum Format {
    RFC5424,
    RFC3164
  }

  private static final String[] SEVERITIES = {
    "emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"
  };

  private static final String[] FACILITIES = {
    "kern",
    "user",
    "mail",
    "daemon",
    "auth",
    "syslog",
    "lpr",
    "news",
    "uucp",
    "cron",
    "authpriv",
    "ftp",
    "ntp",
    "security",
    "console",
    "solaris-cron",
    "local0",
    "local1",
    "local2",
    "local3",
    "local4",
    "local5",
    "local6",
    "local7"
  };

  /** The severity's keyword as syslog.conf and rsyslog spell it: emerg, ..., err, ..., debug. */
  String severityName() {
    return SEVERITIES[severity];
  }

  /** The facility's keyword: kern, user, ..., local7. */
  String facilityName() {
    return FACILITIES[facility];
  }
}
