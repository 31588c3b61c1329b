package dev.retailsync.core.deadletter;

/** Why a change or record ended as a dead letter; {@link FailureClassifier} decides. */
public enum FailureReason {
  /** The source's record could not be mapped to the canonical model. */
  MAPPING,
  /** The canonical record broke the model's rules; the letter carries the field errors. */
  VALIDATION,
  /** The record's identity could not be resolved to one golden record. */
  IDENTITY_CONFLICT,
  /** The change tried to write a field another system owns, and the policy refuses it. */
  OWNERSHIP,
  /** The change's idempotency key was already used with another payload. */
  IDEMPOTENCY_CONFLICT,
  /** The target system refused the record (a 4xx or a per-record rejection). */
  REMOTE_REJECTION,
  /** The target kept failing with retryable errors until the retries ran out. */
  RETRIES_EXHAUSTED,
  /** An unexpected failure inside the engine or a connector; the message says which. */
  INTERNAL
}
