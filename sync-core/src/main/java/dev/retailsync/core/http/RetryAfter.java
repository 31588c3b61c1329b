package dev.retailsync.core.http;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Parses an HTTP {@code Retry-After} value: whole seconds (RFC 9110), fractional seconds (as
 * Shopify sends them), or an HTTP-date. A date in the past means "now"; a malformed value means "no
 * hint".
 */
public final class RetryAfter {
  private RetryAfter() {}

  /**
   * Parses a header value.
   *
   * @param value the header value, or {@code null}
   * @param clock the clock an HTTP-date is measured against
   * @return the wait, zero or more; empty when absent or malformed
   */
  public static Optional<Duration> parse(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.trim();
    if (Character.isDigit(v.charAt(0)) || v.charAt(0) == '.') {
      try {
        BigDecimal seconds = new BigDecimal(v);
        if (seconds.signum() < 0) {
          return Optional.empty();
        }
        long nanos =
            seconds.movePointRight(9).setScale(0, java.math.RoundingMode.CEILING).longValueExact();
        return Optional.of(Duration.ofNanos(nanos));
      } catch (NumberFormatException | ArithmeticException e) {
        return Optional.empty();
      }
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(clock.instant(), at);
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
