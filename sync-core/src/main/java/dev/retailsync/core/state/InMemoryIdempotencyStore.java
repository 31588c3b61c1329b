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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** An {@link IdempotencyStore} in memory; atomic per key through {@link ConcurrentMap#compute}. */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
  // Keyed by the key's value, and holding a compact entry rather than an IdempotencyRecord: a host
  // keeps one entry per change for the retention period, so every object and field of it counts
  // (and the garbage collector copies them all). Records are built when a caller asks for one.
  private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final Clock clock;
  // The store's own tokens are this prefix, '-' and a counter: an entry keeps only the counter.
  private final String prefix;
  private final AtomicLong issued = new AtomicLong();
  private final Supplier<String> tokens;

  /**
   * Creates a store that reads the given clock and issues random lease tokens.
   *
   * @param clock the clock leases and retention are measured with
   */
  public InMemoryIdempotencyStore(Clock clock) {
    // Unique per store: a random prefix (once) and a counter; no secure random per claim.
    this.clock = Objects.requireNonNull(clock, "clock");
    this.prefix = UUID.randomUUID().toString();
    this.tokens = null;
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
    this.prefix = null;
  }

  /**
   * What the store keeps under a key: an {@link IdempotencyRecord} without the key, with its times
   * as numbers and the store's own lease token as its counter. Immutable: a change replaces it.
   */
  private static final class Entry {
    final String fingerprint;
    final IdempotencyRecord.State state;
    final String outcome;
    final boolean retryable;
    // The lease token when the caller's supplier issued it; else null and seq is the counter.
    final String token;
    final long seq;
    final long createdSeconds;
    final int createdNanos;
    // While in progress, when the lease ends; once finished, when the entry may be purged.
    final long untilSeconds;
    final int untilNanos;

    Entry(
        String fingerprint,
        IdempotencyRecord.State state,
        String outcome,
        boolean retryable,
        String token,
        long seq,
        Instant createdAt,
        Instant until) {
      this(
          fingerprint,
          state,
          outcome,
          retryable,
          token,
          seq,
          createdAt.getEpochSecond(),
          createdAt.getNano(),
          until.getEpochSecond(),
          until.getNano());
    }

    Entry(
        String fingerprint,
        IdempotencyRecord.State state,
        String outcome,
        boolean retryable,
        String token,
        long seq,
        long createdSeconds,
        int createdNanos,
        long untilSeconds,
        int untilNanos) {
      this.fingerprint = fingerprint;
      this.state = state;
      this.outcome = outcome;
      this.retryable = retryable;
      this.token = token;
      this.seq = seq;
      this.createdSeconds = createdSeconds;
      this.createdNanos = createdNanos;
      this.untilSeconds = untilSeconds;
      this.untilNanos = untilNanos;
    }

    boolean inProgress() {
      return state == IdempotencyRecord.State.IN_PROGRESS;
    }

    boolean untilIsAfter(Instant t) {
      return untilSeconds > t.getEpochSecond()
          || (untilSeconds == t.getEpochSecond() && untilNanos > t.getNano());
    }

    /** Whether a finished entry's retention has passed, as {@link Claims#expired} tells. */
    boolean expired(Instant now) {
      return !inProgress() && !untilIsAfter(now);
    }
  }

  private String token(Entry e) {
    return e.token != null ? e.token : prefix + "-" + e.seq;
  }

  /** Whether {@code t} is the lease token of the entry, without building the entry's token. */
  private boolean holds(Entry e, String t) {
    if (e.token != null) {
      return e.token.equals(t);
    }
    int p = prefix.length();
    if (t == null || t.length() <= p + 1 || t.charAt(p) != '-' || !t.startsWith(prefix)) {
      return false;
    }
    if (t.charAt(p + 1) == '0') {
      return false; // the counter starts at 1 and is written without leading zeros
    }
    long v = 0;
    for (int i = p + 1; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9' || v > (Long.MAX_VALUE - 9) / 10) {
        return false;
      }
      v = v * 10 + (c - '0');
    }
    return v == e.seq;
  }

  private IdempotencyRecord record(IdempotencyKey key, Entry e) {
    Instant until = Instant.ofEpochSecond(e.untilSeconds, e.untilNanos);
    return new IdempotencyRecord(
        key,
        e.fingerprint,
        e.state,
        token(e),
        e.inProgress() ? until : null,
        e.outcome,
        e.retryable,
        Instant.ofEpochSecond(e.createdSeconds, e.createdNanos),
        e.inProgress() ? null : until);
  }

  @Override
  public Claim claim(IdempotencyKey key, String fingerprint, Duration lease) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Instant now = clock.instant();
    Claim[] out = {null};
    entries.compute(
        key.value(),
        (k, old) -> {
          IdempotencyRecord held = old == null ? null : record(key, old);
          Claims.Decision d = Claims.decide(held, fingerprint, now);
          if (d.status() != Claim.Status.NEW) {
            out[0] = new Claim(d.status(), held, null, false);
            return old;
          }
          String token;
          long seq;
          if (tokens == null) {
            seq = issued.incrementAndGet();
            token = prefix + "-" + seq;
          } else {
            seq = 0;
            token = tokens.get();
          }
          Instant createdAt = old == null || d.expired() ? now : held.createdAt();
          Instant until = now.plus(lease);
          Entry fresh =
              new Entry(
                  fingerprint,
                  IdempotencyRecord.State.IN_PROGRESS,
                  null,
                  false,
                  tokens == null ? null : token,
                  seq,
                  createdAt,
                  until);
          IdempotencyRecord r =
              new IdempotencyRecord(
                  key,
                  fingerprint,
                  IdempotencyRecord.State.IN_PROGRESS,
                  token,
                  until,
                  null,
                  false,
                  createdAt,
                  null);
          out[0] = new Claim(Claim.Status.NEW, r, token, d.takeover());
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
        key.value(),
        (k, old) -> {
          if (!old.inProgress() || !holds(old, leaseToken)) {
            return old;
          }
          Instant until = now.plus(retention);
          done[0] = true;
          return new Entry(
              old.fingerprint,
              state,
              outcome,
              retryable,
              old.token,
              old.seq,
              old.createdSeconds,
              old.createdNanos,
              until.getEpochSecond(),
              until.getNano());
        });
    return done[0];
  }

  @Override
  public Optional<IdempotencyRecord> find(IdempotencyKey key) {
    Entry e = entries.get(key.value());
    if (e == null || e.expired(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(record(key, e));
  }

  @Override
  public int expireLeases() {
    Instant now = clock.instant();
    int[] n = {0};
    entries.replaceAll(
        (k, v) -> {
          if (!v.inProgress() || !v.untilIsAfter(now)) {
            return v;
          }
          n[0]++;
          return new Entry(
              v.fingerprint,
              v.state,
              v.outcome,
              v.retryable,
              v.token,
              v.seq,
              v.createdSeconds,
              v.createdNanos,
              now.getEpochSecond(),
              now.getNano());
        });
    return n[0];
  }

  @Override
  public int purgeExpired() {
    Instant now = clock.instant();
    int[] n = {0};
    entries.forEach(
        (k, v) -> {
          if (v.expired(now) && entries.remove(k, v)) {
            n[0]++;
          }
        });
    return n[0];
  }
}
