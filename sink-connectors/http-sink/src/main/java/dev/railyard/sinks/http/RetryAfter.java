package dev.railyard.sinks.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads an answer's {@code Retry-After} header (RFC 9110 §10.2.3): a number of seconds, or an HTTP
 * date. Only 429 and 503 answers are taken at their word; other statuses have no say. Stateless.
 */
final class RetryAfter {

  private RetryAfter() {}

  /**
   * How long the endpoint asks to be left alone, counted from {@code now}; empty when the status is
   * neither 429 nor 503, or the header is absent or not understood. A date in the past gives zero.
   *
   * @param header the header's value, may be null
   */
  static Optional<Duration> of(int status, String header, Instant now) {
    if ((status != 429 && status != 503) || header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.strip();
    if (value.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
      } catch (NumberFormatException tooLong) {
        return Optional.of(Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L));
      }
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
