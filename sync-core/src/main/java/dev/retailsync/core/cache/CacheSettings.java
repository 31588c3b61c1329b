package dev.retailsync.core.cache;

import dev.retailsync.api.ValidationException;
import java.time.Duration;

/**
 * How a reference-data cache keeps entries: how long an entry lives ({@code ttl}), after how long
 * it is refreshed in the background while the old value is still served ({@code refreshAfter}), and
 * how many entries it holds.
 *
 * <p>Volatile financial controls such as credit status are different: {@link #volatileData} makes
 * settings with a short TTL (at most {@link #MAX_VOLATILE_TTL}) and no refresh, so a value is never
 * served once its TTL has passed.
 *
 * <p>Instances are immutable and thread-safe; build them with {@link #builder()}.
 */
public final class CacheSettings {
  /** The longest TTL allowed for volatile data such as credit status. */
  public static final Duration MAX_VOLATILE_TTL = Duration.ofMinutes(1);

  private final Duration ttl;
  private final Duration refreshAfter;
  private final long maximumSize;
  private final boolean volatileData;

  private CacheSettings(Builder b) {
    this.ttl = b.ttl;
    this.refreshAfter = b.refreshAfter;
    this.maximumSize = b.maximumSize;
    this.volatileData = b.volatileData;
  }

  /**
   * Returns a builder for reference data: 1 hour TTL, refresh after 15 minutes, 10,000 entries.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns settings for volatile financial controls (credit status): the given short TTL, no
   * refresh, so nothing is served past the TTL.
   *
   * @param ttl how long a value may be served; positive and at most {@link #MAX_VOLATILE_TTL}
   * @return the settings
   * @throws ValidationException if the TTL is longer than allowed
   */
  public static CacheSettings volatileData(Duration ttl) {
    Builder b = new Builder().ttl(ttl).refreshAfter(null);
    b.volatileData = true;
    return b.build();
  }

  /**
   * Returns how long an entry lives after it was loaded.
   *
   * @return the TTL
   */
  public Duration ttl() {
    return ttl;
  }

  /**
   * Returns after how long an entry is refreshed in the background.
   *
   * @return the refresh delay, or {@code null} for no refresh
   */
  public Duration refreshAfter() {
    return refreshAfter;
  }

  /**
   * Returns the most entries the cache holds.
   *
   * @return the size bound
   */
  public long maximumSize() {
    return maximumSize;
  }

  /**
   * Tells whether these are settings for volatile data (short TTL, no refresh).
   *
   * @return {@code true} for {@link #volatileData} settings
   */
  public boolean isVolatileData() {
    return volatileData;
  }

  @Override
  public String toString() {
    return "CacheSettings[ttl="
        + ttl
        + ", refreshAfter="
        + refreshAfter
        + ", maximumSize="
        + maximumSize
        + (volatileData ? ", volatile" : "")
        + "]";
  }

  /** Builds {@link CacheSettings}. Not thread-safe. */
  public static final class Builder {
    private Duration ttl = Duration.ofHours(1);
    private Duration refreshAfter = Duration.ofMinutes(15);
    private long maximumSize = 10_000;
    private boolean volatileData;

    private Builder() {}

    /**
     * Sets how long an entry lives; 1 hour by default.
     *
     * @param ttl positive
     * @return this builder
     */
    public Builder ttl(Duration ttl) {
      this.ttl = ttl;
      return this;
    }

    /**
     * Sets after how long an entry is refreshed in the background; 15 minutes by default.
     *
     * @param refreshAfter positive and shorter than the TTL, or {@code null} for no refresh
     * @return this builder
     */
    public Builder refreshAfter(Duration refreshAfter) {
      this.refreshAfter = refreshAfter;
      return this;
    }

    /**
     * Sets the most entries; 10,000 by default.
     *
     * @param maximumSize at least 1
     * @return this builder
     */
    public Builder maximumSize(long maximumSize) {
      this.maximumSize = maximumSize;
      return this;
    }

    /**
     * Builds the settings.
     *
     * @return the settings
     * @throws ValidationException naming the offending setting
     */
    public CacheSettings build() {
      if (ttl == null || ttl.isNegative() || ttl.isZero()) {
        throw ValidationException.of("CacheSettings", "ttl", ttl, "must be positive");
      }
      if (refreshAfter != null
          && (refreshAfter.isNegative()
              || refreshAfter.isZero()
              || refreshAfter.compareTo(ttl) >= 0)) {
        throw ValidationException.of(
            "CacheSettings", "refreshAfter", refreshAfter, "must be positive and below ttl " + ttl);
      }
      if (maximumSize < 1) {
        throw ValidationException.of("CacheSettings", "maximumSize", maximumSize, "must be >= 1");
      }
      if (volatileData && ttl.compareTo(MAX_VOLATILE_TTL) > 0) {
        throw ValidationException.of(
            "CacheSettings",
            "ttl",
            ttl,
            "is too long for volatile data such as credit status; at most " + MAX_VOLATILE_TTL);
      }
      return new CacheSettings(this);
    }
  }
}
