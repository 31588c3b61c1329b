package dev.retailsync.core.deadletter;

import dev.retailsync.api.IdempotencyConflictException;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.OwnershipViolationException;
import dev.retailsync.api.SyncException;
import dev.retailsync.api.ValidationException;
import dev.retailsync.core.observability.Stage;

/**
 * The one place that decides why a failure ends a change: every failure of the data path, at any
 * stage, goes through {@link #classify} and becomes a dead letter with the reason it returns.
 *
 * <p>Stateless and thread-safe.
 */
public final class FailureClassifier {
  private FailureClassifier() {}

  /**
   * Classifies a failure.
   *
   * @param stage the stage it happened in: {@link Stage#RESOLVED} for identity resolution, {@link
   *     Stage#DELIVERED} for writes (after retries ran out), others for the inbound stages
   * @param failure the failure
   * @return the reason
   */
  public static FailureReason classify(Stage stage, Throwable failure) {
    if (failure instanceof MappingException) {
      return FailureReason.MAPPING;
    }
    if (failure instanceof ValidationException) {
      return FailureReason.VALIDATION;
    }
    if (failure instanceof OwnershipViolationException) {
      return FailureReason.OWNERSHIP;
    }
    if (failure instanceof IdempotencyConflictException) {
      return FailureReason.IDEMPOTENCY_CONFLICT;
    }
    if (stage == Stage.RESOLVED) {
      return FailureReason.IDENTITY_CONFLICT;
    }
    if (stage == Stage.DELIVERED && failure instanceof SyncException s) {
      return s.isRetryable() ? FailureReason.RETRIES_EXHAUSTED : FailureReason.REMOTE_REJECTION;
    }
    return FailureReason.INTERNAL;
  }
}
