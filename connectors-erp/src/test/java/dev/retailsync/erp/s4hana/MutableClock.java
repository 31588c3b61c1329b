package dev.retailsync.erp.s4hana;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand; sleeping through it advances it instead of waiting. */
final class MutableClock extends Clock {
  private Instant now;
  private Duration slept = Duration.ZERO;

  MutableClock(Instant start) {
    this.now = start;
  }

  synchronized void advance(Duration d) {
    now = now.plus(d);
  }

  /** A sleeper for the connector: records the wait and moves the clock. */
  synchronized void sleep(Duration d) {
    slept = slept.plus(d);
    now = now.plus(d);
  }

  synchronized Duration slept() {
    return slept;
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
