package dev.retailsync.api;

import java.time.Duration;
import java.util.Optional;

/**
 * Thrown when a remote system refuses a call because a rate, concurrency or budget limit was
 * reached. Carries the wait the platform asked for, when it said one (HTTP {@code Retry-After} or a
 * platform-specific hint), and whether the limit resets soon (retryable) or only after a long
 * window such as a daily API allocation (not retryable within the run).
 */
public class RateLimitException extends SyncException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  /**
   * Creates an exception.
   *
   * @param message which limit was reached
   * @param retryAfter the wait the platform asked for, or {@code null} when it gave none
   * @param context where it happened
   * @param retryable {@code false} for limits that do not reset within the run, such as a daily
   *     allocation
   */
  public RateLimitException(
      String message, Duration retryAfter, ErrorContext context, boolean retryable) {
    super(message, null, context, retryable);
    if (retryAfter != null && retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative, was " + retryAfter);
    }
    this.retryAfter = retryAfter;
  }

  /**
   * Returns the wait the platform asked for before the next call.
   *
   * @return the wait, or empty when the platform gave none
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
