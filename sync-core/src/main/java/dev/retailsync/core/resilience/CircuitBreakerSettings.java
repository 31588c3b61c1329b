package dev.retailsync.core.resilience;

import dev.retailsync.api.ValidationException;
import java.time.Duration;

/**
 * When a connector's circuit opens and when it tries again: after {@code failureThreshold}
 * consecutive failed calls the circuit opens and calls fail fast without reaching the remote
 * system; after {@code delay} it half-opens and lets trial calls through; {@code successThreshold}
 * successful trials close it, one failed trial opens it again.
 *
 * <p>Instances are immutable and thread-safe; build them with {@link #builder()}.
 */
public final class CircuitBreakerSettings {
  private static final CircuitBreakerSettings DEFAULTS = builder().build();

  private final int failureThreshold;
  private final Duration delay;
  private final int successThreshold;

  private CircuitBreakerSettings(Builder b) {
    this.failureThreshold = b.failureThreshold;
    this.delay = b.delay;
    this.successThreshold = b.successThreshold;
  }

  /**
   * Returns the defaults: opens after 5 consecutive failures, half-opens after 30 s, closes after 1
   * successful trial.
   *
   * @return the defaults
   */
  public static CircuitBreakerSettings ofDefaults() {
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
        .failureThreshold(failureThreshold)
        .delay(delay)
        .successThreshold(successThreshold);
  }

  /**
   * Returns how many consecutive failures open the circuit.
   *
   * @return at least 1
   */
  public int failureThreshold() {
    return failureThreshold;
  }

  /**
   * Returns how long the circuit stays open before it half-opens.
   *
   * @return the delay
   */
  public Duration delay() {
    return delay;
  }

  /**
   * Returns how many successful trials close a half-open circuit.
   *
   * @return at least 1
   */
  public int successThreshold() {
    return successThreshold;
  }

  @Override
  public String toString() {
    return "CircuitBreakerSettings[failureThreshold="
        + failureThreshold
        + ", delay="
        + delay
        + ", successThreshold="
        + successThreshold
        + "]";
  }

  /** Builds {@link CircuitBreakerSettings}. Not thread-safe. */
  public static final class Builder {
    private int failureThreshold = 5;
    private Duration delay = Duration.ofSeconds(30);
    private int successThreshold = 1;

    private Builder() {}

    /**
     * Sets how many consecutive failures open the circuit; 5 by default.
     *
     * @param failureThreshold at least 1
     * @return this builder
     */
    public Builder failureThreshold(int failureThreshold) {
      this.failureThreshold = failureThreshold;
      return this;
    }

    /**
     * Sets how long the circuit stays open; 30 s by default.
     *
     * @param delay positive
     * @return this builder
     */
    public Builder delay(Duration delay) {
      this.delay = delay;
      return this;
    }

    /**
     * Sets how many successful trials close a half-open circuit; 1 by default.
     *
     * @param successThreshold at least 1
     * @return this builder
     */
    public Builder successThreshold(int successThreshold) {
      this.successThreshold = successThreshold;
      return this;
    }

    /**
     * Builds the settings.
     *
     * @return the settings
     * @throws ValidationException naming the offending setting
     */
    public CircuitBreakerSettings build() {
      if (failureThreshold < 1) {
        throw ValidationException.of(
            "CircuitBreakerSettings", "failureThreshold", failureThreshold, "must be >= 1");
      }
      if (successThreshold < 1) {
        throw ValidationException.of(
            "CircuitBreakerSettings", "successThreshold", successThreshold, "must be >= 1");
      }
      Settings.positive("CircuitBreakerSettings", "delay", delay);
      return new CircuitBreakerSettings(this);
    }
  }
}
