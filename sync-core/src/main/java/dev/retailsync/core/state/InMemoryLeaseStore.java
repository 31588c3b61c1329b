package dev.retailsync.core.state;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link LeaseStore} in memory, for one process (tests, examples, a single instance).
 * Thread-safe: every operation holds one lock. Fencing tokens survive releases, so they never
 * repeat.
 */
public final class InMemoryLeaseStore implements LeaseStore {
  private record Slot(String holder, long token, Instant expiresAt) {}

  private final Clock clock;
  private final Map<String, Slot> slots = new HashMap<>();

  /** Creates an empty store on the system clock. */
  public InMemoryLeaseStore() {
    this(Clock.systemUTC());
  }

  /**
   * Creates an empty store.
   *
   * @param clock the clock expiry is measured with
   */
  public InMemoryLeaseStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized Optional<Lease> acquire(String name, String holder, Duration ttl) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(holder, "holder");
    checkTtl(ttl);
    Instant now = clock.instant();
    Slot s = slots.get(name);
    boolean live = s != null && s.holder() != null && s.expiresAt().isAfter(now);
    if (live && !s.holder().equals(holder)) {
      return Optional.empty();
    }
    long token = live ? s.token() : (s == null ? 0 : s.token()) + 1;
    Slot next = new Slot(holder, token, now.plus(ttl));
    slots.put(name, next);
    return Optional.of(new Lease(name, holder, token, next.expiresAt()));
  }

  @Override
  public synchronized Optional<Lease> renew(Lease lease, Duration ttl) {
    checkTtl(ttl);
    if (!holds(lease)) {
      return Optional.empty();
    }
    Instant expiresAt = clock.instant().plus(ttl);
    slots.put(lease.name(), new Slot(lease.holder(), lease.token(), expiresAt));
    return Optional.of(new Lease(lease.name(), lease.holder(), lease.token(), expiresAt));
  }

  @Override
  public synchronized boolean release(Lease lease) {
    Slot s = slots.get(lease.name());
    if (s == null || !lease.holder().equals(s.holder()) || s.token() != lease.token()) {
      return false;
    }
    slots.put(lease.name(), new Slot(null, s.token(), Instant.MIN));
    return true;
  }

  @Override
  public synchronized Optional<Lease> current(String name) {
    Slot s = slots.get(Objects.requireNonNull(name, "name"));
    if (s == null || s.holder() == null || !s.expiresAt().isAfter(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(new Lease(name, s.holder(), s.token(), s.expiresAt()));
  }

  static void checkTtl(Duration ttl) {
    if (ttl == null || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("a lease's time to live is positive, was " + ttl);
    }
  }
}
