package dev.retailsync.core.state;

import dev.retailsync.api.IdempotencyKey;
import java.time.Duration;
import java.util.Optional;

/**
 * Idempotency keys with stored outcomes, with the semantics of Stripe's API and the IETF {@code
 * Idempotency-Key} draft: a key is claimed with a payload fingerprint and a lease; the first claim
 * executes, a claim while the lease is live waits, a claim after completion replays the stored
 * outcome, and a claim with another payload is a conflict. A lease that expires (its worker
 * crashed) is taken over by the next claim.
 *
 * <p>Implementations are thread-safe and atomic per key: of any number of concurrent claims of a
 * new key, exactly one gets {@link Claim.Status#NEW}.
 */
public interface IdempotencyStore {

  /**
   * Claims a key.
   *
   * @param key the key
   * @param fingerprint the payload's fingerprint
   * @param lease how long the caller may execute before another worker may take over
   * @return what to do
   */
  Claim claim(IdempotencyKey key, String fingerprint, Duration lease);

  /**
   * Stores the outcome of a successful execution.
   *
   * @param key the key
   * @param leaseToken the token the claim returned
   * @param outcome the outcome to replay
   * @param retention how long to keep the entry
   * @return {@code false} if the caller's lease was lost (another worker took over); nothing is
   *     stored then
   */
  boolean complete(IdempotencyKey key, String leaseToken, String outcome, Duration retention);

  /**
   * Stores a failed execution.
   *
   * @param key the key
   * @param leaseToken the token the claim returned
   * @param retryable whether a new attempt may succeed: the next claim then gets {@link
   *     Claim.Status#NEW}; otherwise the failure is replayed as the outcome
   * @param reason the failure, stored as the outcome
   * @param retention how long to keep the entry
   * @return {@code false} if the caller's lease was lost
   */
  boolean fail(
      IdempotencyKey key, String leaseToken, boolean retryable, String reason, Duration retention);

  /**
   * Reads an entry.
   *
   * @param key the key
   * @return the entry, or empty when there is none (or it expired)
   */
  Optional<IdempotencyRecord> find(IdempotencyKey key);

  /**
   * Removes finished entries whose retention has passed.
   *
   * @return how many were removed
   */
  int purgeExpired();

  /**
   * Ends every live lease now, as if each worker holding one had died: the next claim of each such
   * key takes it over ({@link Claim#takeover()}) instead of waiting for the lease to run out.
   * Finished entries are left alone.
   *
   * <p>Only a host that knows no worker is executing may call it, such as the only instance of an
   * application starting again after a crash (see {@code SyncEngine.Builder#soleInstance()}):
   * ending the lease of a live worker lets a second worker execute the same key at the same time.
   *
   * @return how many leases were ended
   * @throws UnsupportedOperationException if the store cannot do it (the default)
   */
  default int expireLeases() {
    throw new UnsupportedOperationException(
        getClass().getName() + " cannot end live leases; implement expireLeases()");
  }
}
