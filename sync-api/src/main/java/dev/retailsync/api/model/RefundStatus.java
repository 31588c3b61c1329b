package dev.retailsync.api.model;

/** Where the refund for a return stands. */
public enum RefundStatus {
  /** No refund is due or none has been started. */
  NONE,
  /** A refund has been approved but not yet paid. */
  PENDING,
  /** Part of the amount has been refunded. */
  PARTIAL,
  /** Refunded in full. */
  REFUNDED,
  /** Refused, for example after inspection. */
  DENIED
}
