package dev.retailsync.core.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Parses HTTP {@code Retry-After} (RFC 9110 section 10.2.3): delta-seconds or an HTTP-date.
 * Connectors use it to fill {@link dev.retailsync.api.RateLimitException#retryAfter()}; the engine
 * then waits that long and not less.
 *
 * <p>Stateless and thread-safe.
 */
public final class RetryAfter {
  private RetryAfter() {}

  /**
   * Parses a header value.
   *
   * @param value the header's value, such as {@code "7"} or {@code "Wed, 21 Oct 2015 07:28:00
   *     GMT"}; {@code null} or blank gives empty
   * @param clock the clock an HTTP-date is measured against
   * @return the wait, zero for a date in the past, or empty when the value is missing or malformed
   */
  public static Optional<Duration> parse(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.trim();
    if (v.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
      } catch (NumberFormatException e) {
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
