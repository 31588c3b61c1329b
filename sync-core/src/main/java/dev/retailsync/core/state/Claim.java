package dev.retailsync.core.state;

import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.IdempotencyConflictException;
import java.util.Objects;

/**
 * The answer to claiming an idempotency key, after Stripe's semantics and the IETF {@code
 * Idempotency-Key} draft.
 *
 * @param status what to do
 * @param record the entry as stored after the claim
 * @param leaseToken for {@link Status#NEW}: the token to complete or fail with; else {@code null}
 * @param takeover for {@link Status#NEW}: whether an expired lease of another worker was taken over
 */
public record Claim(Status status, IdempotencyRecord record, String leaseToken, boolean takeover) {

  /** What the caller must do. */
  public enum Status {
    /** Go ahead: execute, then complete or fail with the lease token. */
    NEW,
    /** Another worker holds a live lease: retry after it ends. */
    IN_PROGRESS,
    /** Already executed: use the stored outcome, do not execute again. */
    COMPLETED,
    /** The key was used with another payload: a typed error, never a silent replay. */
    CONFLICT
  }

  // Checks the components; see the class documentation for the rules.
  public Claim {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(record, "record");
  }

  /**
   * Throws for a conflict, so callers can chain.
   *
   * @param context where the claim happened
   * @return this claim, when it is not a conflict
   * @throws IdempotencyConflictException for {@link Status#CONFLICT}
   */
  public Claim orThrowOnConflict(ErrorContext context) {
    if (status == Status.CONFLICT) {
      throw new IdempotencyConflictException(record.key(), context);
    }
    return this;
  }
}
