package dev.retailsync.core.resilience;

import dev.retailsync.api.ValidationException;
import java.time.Duration;

/**
 * How a failed call is retried: how many attempts in all, the exponential backoff with full jitter
 * between them (a random wait between zero and {@code min(maxDelay, baseDelay * 2^(n-1))}), and how
 * long a platform's own {@code Retry-After} may ask the engine to wait. A wait the platform asks
 * for is waited in full, never less; one longer than {@link #maxRetryAfter()} ends the retries (the
 * record is dead-lettered with the platform's answer).
 *
 * <p>Instances are immutable and thread-safe; build them with {@link #builder()}.
 */
public final class RetrySettings {
  private static final RetrySettings DEFAULTS = builder().build();

  private final int maxAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Duration maxRetryAfter;

  private RetrySettings(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.baseDelay = b.baseDelay;
    this.maxDelay = b.maxDelay;
    this.maxRetryAfter = b.maxRetryAfter;
  }

  /**
   * Returns the defaults: 5 attempts, 200 ms base delay, 30 s cap, Retry-After up to 5 minutes.
   *
   * @return the defaults
   */
  public static RetrySettings ofDefaults() {
    return DEFAULTS;
  }

  /**
   * Returns settings that never retry.
   *
   * @return one attempt only
   */
  public static RetrySettings none() {
    return builder().maxAttempts(1).build();
  }

  /**
   * Returns a builder with the defaults.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder initialised with these settings.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    return new Builder()
        .maxAttempts(maxAttempts)
        .baseDelay(baseDelay)
        .maxDelay(maxDelay)
        .maxRetryAfter(maxRetryAfter);
  }

  /**
   * Returns the most attempts, the first included.
   *
   * @return at least 1
   */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * Returns the backoff before the second attempt, before jitter.
   *
   * @return the base delay
   */
  public Duration baseDelay() {
    return baseDelay;
  }

  /**
   * Returns the longest backoff, before jitter.
   *
   * @return the cap
   */
  public Duration maxDelay() {
    return maxDelay;
  }

  /**
   * Returns the longest {@code Retry-After} the engine waits for within a run.
   *
   * @return the cap
   */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /**
   * Returns the backoff ceiling before the given retry: {@code min(maxDelay, baseDelay *
   * 2^(retry-1))}.
   *
   * @param retry the retry number, 1 for the wait before the second attempt
   * @return the ceiling the jittered wait is drawn below
   */
  public Duration backoffCeiling(int retry) {
    int shift = Math.min(Math.max(retry - 1, 0), 30);
    long nanos = baseDelay.toNanos();
    long ceiling = nanos > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : nanos << shift;
    return Duration.ofNanos(Math.min(ceiling, maxDelay.toNanos()));
  }

  @Override
  public String toString() {
    return "RetrySettings[maxAttempts="
        + maxAttempts
        + ", baseDelay="
        + baseDelay
        + ", maxDelay="
        + maxDelay
        + ", maxRetryAfter="
        + maxRetryAfter
        + "]";
  }

  /** Builds {@link RetrySettings}. Not thread-safe. */
  public static final class Builder {
    private int maxAttempts = 5;
    private Duration baseDelay = Duration.ofMillis(200);
    private Duration maxDelay = Duration.ofSeconds(30);
    private Duration maxRetryAfter = Duration.ofMinutes(5);

    private Builder() {}

    /**
     * Sets the most attempts, the first included; 5 by default.
     *
     * @param maxAttempts at least 1
     * @return this builder
     */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Sets the backoff before the second attempt; 200 ms by default.
     *
     * @param baseDelay zero or more
     * @return this builder
     */
    public Builder baseDelay(Duration baseDelay) {
      this.baseDelay = baseDelay;
      return this;
    }

    /**
     * Sets the longest backoff; 30 s by default.
     *
     * @param maxDelay at least the base delay
     * @return this builder
     */
    public Builder maxDelay(Duration maxDelay) {
      this.maxDelay = maxDelay;
      return this;
    }

    /**
     * Sets the longest {@code Retry-After} waited for; 5 minutes by default.
     *
     * @param maxRetryAfter zero or more
     * @return this builder
     */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = maxRetryAfter;
      return this;
    }

    /**
     * Builds the settings.
     *
     * @return the settings
     * @throws ValidationException naming the offending setting
     */
    public RetrySettings build() {
      if (maxAttempts < 1) {
        throw ValidationException.of("RetrySettings", "maxAttempts", maxAttempts, "must be >= 1");
      }
      Settings.nonNegative("RetrySettings", "baseDelay", baseDelay);
      Settings.nonNegative("RetrySettings", "maxDelay", maxDelay);
      Settings.nonNegative("RetrySettings", "maxRetryAfter", maxRetryAfter);
      if (maxDelay.compareTo(baseDelay) < 0) {
        throw ValidationException.of(
            "RetrySettings", "maxDelay", maxDelay, "must not be below baseDelay " + baseDelay);
      }
      return new RetrySettings(this);
    }
  }
}
