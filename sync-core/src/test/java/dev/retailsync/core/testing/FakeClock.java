package dev.retailsync.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that tests move by hand, so that leases, retention and timestamps are tested without
 * sleeping (STYLE.md rule 8).
 *
 * <p>Thread-safe: the time is one atomic reference, shared with the clocks {@link #withZone}
 * derives, so advancing one advances them all.
 */
public final class FakeClock extends Clock {
  /** A fixed, arbitrary start that is not the epoch, so that zero-valued bugs show up. */
  public static final Instant DEFAULT_START = Instant.parse("2024-05-01T10:00:00Z");

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private FakeClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /**
   * Returns a clock at {@link #DEFAULT_START}, in UTC.
   *
   * @return the clock
   */
  public static FakeClock create() {
    return at(DEFAULT_START);
  }

  /**
   * Returns a clock at the given instant, in UTC.
   *
   * @param start the time it shows until moved
   * @return the clock
   */
  public static FakeClock at(Instant start) {
    return new FakeClock(
        new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  /**
   * Moves the clock forward.
   *
   * @param amount how far; must not be negative
   * @return the new time
   */
  public Instant advance(Duration amount) {
    Objects.requireNonNull(amount, "amount");
    if (amount.isNegative()) {
      throw new IllegalArgumentException("a clock does not go backwards; use set(...): " + amount);
    }
    return now.updateAndGet(t -> t.plus(amount));
  }

  /**
   * Sets the time, forwards or backwards (to simulate clock skew).
   *
   * @param instant the new time
   */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new FakeClock(now, Objects.requireNonNull(zone, "zone"));
  }

  @Override
  public String toString() {
    return "FakeClock[" + now.get() + ", " + zone + "]";
  }
}
