package dev.retailsync.core.resilience;

import dev.retailsync.api.ValidationException;

/**
 * How fast the engine calls one connector: a ceiling of calls per second, and the share of the
 * remote system's own budget the engine leaves to the host's other integrations. Connectors report
 * the remote budget through a {@link BudgetListener}; the limiter then spreads what is left, minus
 * the reserve, over the time until the budget resets, so it slows before the platform refuses.
 *
 * <p>Instances are immutable and thread-safe; build them with {@link #builder()}.
 */
public final class RateLimitSettings {
  private static final RateLimitSettings UNLIMITED = builder().build();

  private final double maxCallsPerSecond;
  private final double reserve;

  private RateLimitSettings(Builder b) {
    this.maxCallsPerSecond = b.maxCallsPerSecond;
    this.reserve = b.reserve;
  }

  /**
   * Returns settings with no ceiling of our own and no reserve: only the remote budget limits.
   *
   * @return the settings
   */
  public static RateLimitSettings ofDefaults() {
    return UNLIMITED;
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
    return new Builder().maxCallsPerSecond(maxCallsPerSecond).reserve(reserve);
  }

  /**
   * Returns the ceiling of calls per second.
   *
   * @return the ceiling; {@link Double#POSITIVE_INFINITY} for none
   */
  public double maxCallsPerSecond() {
    return maxCallsPerSecond;
  }

  /**
   * Returns the share of the remote budget kept for the host's other integrations.
   *
   * @return between 0 (none) and 1 (exclusive)
   */
  public double reserve() {
    return reserve;
  }

  @Override
  public String toString() {
    return "RateLimitSettings[maxCallsPerSecond="
        + maxCallsPerSecond
        + ", reserve="
        + reserve
        + "]";
  }

  /** Builds {@link RateLimitSettings}. Not thread-safe. */
  public static final class Builder {
    private double maxCallsPerSecond = Double.POSITIVE_INFINITY;
    private double reserve;

    private Builder() {}

    /**
     * Sets the ceiling of calls per second; none by default.
     *
     * @param maxCallsPerSecond positive, or {@link Double#POSITIVE_INFINITY}
     * @return this builder
     */
    public Builder maxCallsPerSecond(double maxCallsPerSecond) {
      this.maxCallsPerSecond = maxCallsPerSecond;
      return this;
    }

    /**
     * Sets the share of the remote budget kept for others, such as {@code 0.2} for 20 %; none by
     * default.
     *
     * @param reserve at least 0 and below 1
     * @return this builder
     */
    public Builder reserve(double reserve) {
      this.reserve = reserve;
      return this;
    }

    /**
     * Builds the settings.
     *
     * @return the settings
     * @throws ValidationException naming the offending setting
     */
    public RateLimitSettings build() {
      if (!(maxCallsPerSecond > 0)) {
        throw ValidationException.of(
            "RateLimitSettings", "maxCallsPerSecond", maxCallsPerSecond, "must be positive");
      }
      if (!(reserve >= 0 && reserve < 1)) {
        throw ValidationException.of(
            "RateLimitSettings", "reserve", reserve, "must be at least 0 and below 1");
      }
      return new RateLimitSettings(this);
    }
  }
}
