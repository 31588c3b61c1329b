package dev.retailsync.core.state;

import java.time.Instant;

/**
 * The claim rules every idempotency store applies, in one place so that the in-memory and JDBC
 * stores cannot drift apart. Not part of the public API.
 */
final class Claims {
  private Claims() {}

  /** What a claim decides, before the store writes anything. */
  record Decision(Claim.Status status, boolean takeover, boolean expired) {}

  static Decision decide(IdempotencyRecord old, String fingerprint, Instant now) {
    if (old == null) {
      return new Decision(Claim.Status.NEW, false, false);
    }
    if (expired(old, now)) {
      return new Decision(Claim.Status.NEW, false, true);
    }
    if (!old.fingerprint().equals(fingerprint)) {
      return new Decision(Claim.Status.CONFLICT, false, false);
    }
    switch (old.state()) {
      case IN_PROGRESS:
        return old.leaseExpiresAt().isAfter(now)
            ? new Decision(Claim.Status.IN_PROGRESS, false, false)
            : new Decision(Claim.Status.NEW, true, false);
      case FAILED:
        return old.retryable()
            ? new Decision(Claim.Status.NEW, false, false)
            : new Decision(Claim.Status.COMPLETED, false, false);
      default:
        return new Decision(Claim.Status.COMPLETED, false, false);
    }
  }

  static boolean expired(IdempotencyRecord r, Instant now) {
    return r.expiresAt() != null && !r.expiresAt().isAfter(now);
  }
}
