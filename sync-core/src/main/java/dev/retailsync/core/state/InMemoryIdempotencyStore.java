package dev.retailsync.core.state;

import dev.retailsync.api.IdempotencyKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/** An {@link IdempotencyStore} in memory; atomic per key through {@link ConcurrentMap#compute}. */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
  private final ConcurrentMap<IdempotencyKey, IdempotencyRecord> entries =
      new ConcurrentHashMap<>();
  private final Clock clock;
  private final Supplier<String> tokens;

  /**
   * Creates a store that reads the given clock and issues random lease tokens.
   *
   * @param clock the clock leases and retention are measured with
   */
  public InMemoryIdempotencyStore(Clock clock) {
    this(clock, tokens());
  }

  /** Unique per store: a random prefix (once) and a counter; no secure random per claim. */
  private static Supplier<String> tokens() {
    String prefix = UUID.randomUUID().toString();
    java.util.concurrent.atomic.AtomicLong n = new java.util.concurrent.atomic.AtomicLong();
    return () -> prefix + "-" + n.incrementAndGet();
  }

  /**
   * Creates a store.
   *
   * @param clock the clock leases and retention are measured with
   * @param tokens issues lease tokens; each must be unique
   */
  public InMemoryIdempotencyStore(Clock clock, Supplier<String> tokens) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  @Override
  public Claim claim(IdempotencyKey key, String fingerprint, Duration lease) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Instant now = clock.instant();
    Claim[] out = {null};
    entries.compute(
        key,
        (k, old) -> {
          Claims.Decision d = Claims.decide(old, fingerprint, now);
          if (d.status() != Claim.Status.NEW) {
            out[0] = new Claim(d.status(), old, null, false);
            return old;
          }
          String token = tokens.get();
          IdempotencyRecord fresh =
              new IdempotencyRecord(
                  key,
                  fingerprint,
                  IdempotencyRecord.State.IN_PROGRESS,
                  token,
                  now.plus(lease),
                  null,
                  false,
                  old == null || d.expired() ? now : old.createdAt(),
                  null);
          out[0] = new Claim(Claim.Status.NEW, fresh, token, d.takeover());
          return fresh;
        });
    return out[0];
  }

  @Override
  public boolean complete(
      IdempotencyKey key, String leaseToken, String outcome, Duration retention) {
    return finish(key, leaseToken, IdempotencyRecord.State.SUCCEEDED, outcome, false, retention);
  }

  @Override
  public boolean fail(
      IdempotencyKey key, String leaseToken, boolean retryable, String reason, Duration retention) {
    return finish(key, leaseToken, IdempotencyRecord.State.FAILED, reason, retryable, retention);
  }

  private boolean finish(
      IdempotencyKey key,
      String leaseToken,
      IdempotencyRecord.State state,
      String outcome,
      boolean retryable,
      Duration retention) {
    Instant now = clock.instant();
    boolean[] done = {false};
    entries.computeIfPresent(
        key,
        (k, old) -> {
          if (old.state() != IdempotencyRecord.State.IN_PROGRESS
              || !old.leaseToken().equals(leaseToken)) {
            return old;
          }
          done[0] = true;
          return new IdempotencyRecord(
              key,
              old.fingerprint(),
              state,
              leaseToken,
              null,
              outcome,
              retryable,
              old.createdAt(),
              now.plus(retention));
        });
    return done[0];
  }

  @Override
  public Optional<IdempotencyRecord> find(IdempotencyKey key) {
    IdempotencyRecord r = entries.get(key);
    if (r == null || Claims.expired(r, clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(r);
  }

  @Override
  public int expireLeases() {
    Instant now = clock.instant();
    int[] n = {0};
    entries.replaceAll(
        (k, v) -> {
          if (v.state() != IdempotencyRecord.State.IN_PROGRESS
              || !v.leaseExpiresAt().isAfter(now)) {
            return v;
          }
          n[0]++;
          return new IdempotencyRecord(
              k,
              v.fingerprint(),
              v.state(),
              v.leaseToken(),
              now,
              v.outcome(),
              v.retryable(),
              v.createdAt(),
              v.expiresAt());
        });
    return n[0];
  }

  @Override
  public int purgeExpired() {
    Instant now = clock.instant();
    int[] n = {0};
    entries.forEach(
        (k, v) -> {
          if (Claims.expired(v, now) && entries.remove(k, v)) {
            n[0]++;
          }
        });
    return n[0];
  }
}
