package dev.retailsync.core.resilience;

import dev.retailsync.api.ValidationException;
import java.time.Duration;

/**
 * Everything that guards the calls to one connector: retry, circuit breaker, rate limit, the most
 * calls in flight at once (a bulkhead, so one slow system cannot take every engine thread) and a
 * timeout per call.
 *
 * <p>Instances are immutable and thread-safe; build them with {@link #builder()}.
 */
public final class ResilienceSettings {
  private static final ResilienceSettings DEFAULTS = builder().build();

  private final RetrySettings retry;
  private final CircuitBreakerSettings circuitBreaker;
  private final RateLimitSettings rateLimit;
  private final int maxConcurrentCalls;
  private final Duration callTimeout;

  private ResilienceSettings(Builder b) {
    this.retry = b.retry;
    this.circuitBreaker = b.circuitBreaker;
    this.rateLimit = b.rateLimit;
    this.maxConcurrentCalls = b.maxConcurrentCalls;
    this.callTimeout = b.callTimeout;
  }

  /**
   * Returns the defaults of each part, 8 concurrent calls and a 60 s timeout per call.
   *
   * @return the defaults
   */
  public static ResilienceSettings ofDefaults() {
    return DEFAULTS;
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
        .retry(retry)
        .circuitBreaker(circuitBreaker)
        .rateLimit(rateLimit)
        .maxConcurrentCalls(maxConcurrentCalls)
        .callTimeout(callTimeout);
  }

  /**
   * Returns the retry settings.
   *
   * @return the settings
   */
  public RetrySettings retry() {
    return retry;
  }

  /**
   * Returns the circuit breaker settings.
   *
   * @return the settings
   */
  public CircuitBreakerSettings circuitBreaker() {
    return circuitBreaker;
  }

  /**
   * Returns the rate limit settings.
   *
   * @return the settings
   */
  public RateLimitSettings rateLimit() {
    return rateLimit;
  }

  /**
   * Returns the most calls to the connector in flight at once.
   *
   * @return at least 1
   */
  public int maxConcurrentCalls() {
    return maxConcurrentCalls;
  }

  /**
   * Returns how long one call may take before it is abandoned as a retryable failure.
   *
   * @return the timeout
   */
  public Duration callTimeout() {
    return callTimeout;
  }

  @Override
  public String toString() {
    return "ResilienceSettings["
        + retry
        + ", "
        + circuitBreaker
        + ", "
        + rateLimit
        + ", maxConcurrentCalls="
        + maxConcurrentCalls
        + ", callTimeout="
        + callTimeout
        + "]";
  }

  /** Builds {@link ResilienceSettings}. Not thread-safe. */
  public static final class Builder {
    private RetrySettings retry = RetrySettings.ofDefaults();
    private CircuitBreakerSettings circuitBreaker = CircuitBreakerSettings.ofDefaults();
    private RateLimitSettings rateLimit = RateLimitSettings.ofDefaults();
    private int maxConcurrentCalls = 8;
    private Duration callTimeout = Duration.ofSeconds(60);

    private Builder() {}

    /**
     * Sets the retry settings.
     *
     * @param retry the settings
     * @return this builder
     */
    public Builder retry(RetrySettings retry) {
      this.retry = retry;
      return this;
    }

    /**
     * Sets the circuit breaker settings.
     *
     * @param circuitBreaker the settings
     * @return this builder
     */
    public Builder circuitBreaker(CircuitBreakerSettings circuitBreaker) {
      this.circuitBreaker = circuitBreaker;
      return this;
    }

    /**
     * Sets the rate limit settings.
     *
     * @param rateLimit the settings
     * @return this builder
     */
    public Builder rateLimit(RateLimitSettings rateLimit) {
      this.rateLimit = rateLimit;
      return this;
    }

    /**
     * Sets the most calls in flight at once; 8 by default.
     *
     * @param maxConcurrentCalls at least 1
     * @return this builder
     */
    public Builder maxConcurrentCalls(int maxConcurrentCalls) {
      this.maxConcurrentCalls = maxConcurrentCalls;
      return this;
    }

    /**
     * Sets the timeout per call; 60 s by default.
     *
     * @param callTimeout positive
     * @return this builder
     */
    public Builder callTimeout(Duration callTimeout) {
      this.callTimeout = callTimeout;
      return this;
    }

    /**
     * Builds the settings.
     *
     * @return the settings
     * @throws ValidationException naming the offending setting
     */
    public ResilienceSettings build() {
      if (retry == null || circuitBreaker == null || rateLimit == null) {
        throw ValidationException.of(
            "ResilienceSettings",
            retry == null ? "retry" : circuitBreaker == null ? "circuitBreaker" : "rateLimit",
            null,
            "is required");
      }
      if (maxConcurrentCalls < 1) {
        throw ValidationException.of(
            "ResilienceSettings", "maxConcurrentCalls", maxConcurrentCalls, "must be >= 1");
      }
      Settings.positive("ResilienceSettings", "callTimeout", callTimeout);
      return new ResilienceSettings(this);
    }
  }
}
