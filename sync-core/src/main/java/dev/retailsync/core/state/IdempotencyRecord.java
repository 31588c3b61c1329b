package dev.retailsync.core.state;

import dev.retailsync.api.IdempotencyKey;
import java.time.Instant;
import java.util.Objects;

/**
 * What the idempotency store keeps under one key: the payload's fingerprint, the state, the lease
 * of the worker executing it, and the stored outcome.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param key the key
 * @param fingerprint the fingerprint of the payload first sent with the key
 * @param state in progress, succeeded or failed
 * @param leaseToken the token of the worker holding the lease (in progress), else the last holder's
 * @param leaseExpiresAt when the lease ends (in progress); another worker may then take over
 * @param outcome the stored outcome (succeeded or failed), or {@code null} while in progress
 * @param retryable for a failure: whether a new attempt may succeed
 * @param createdAt when the key was first claimed
 * @param expiresAt when a finished entry may be purged, or {@code null} while in progress
 */
public record IdempotencyRecord(
    IdempotencyKey key,
    String fingerprint,
    State state,
    String leaseToken,
    Instant leaseExpiresAt,
    String outcome,
    boolean retryable,
    Instant createdAt,
    Instant expiresAt) {

  /** The state of an entry. */
  public enum State {
    /** A worker holds a lease and is executing. */
    IN_PROGRESS,
    /** Executed; the outcome is stored and replayed. */
    SUCCEEDED,
    /** Failed; the outcome is stored, and {@code retryable} says whether to try again. */
    FAILED
  }

  // Checks the components; see the class documentation for the rules.
  public IdempotencyRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
