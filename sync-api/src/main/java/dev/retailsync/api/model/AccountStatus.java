package dev.retailsync.api.model;

/** The lifecycle of a customer account. */
public enum AccountStatus {
  /** Created by a channel, waiting for the ERP to approve it (typically its credit). */
  PROVISIONAL,
  /** Approved; may place orders. */
  ACTIVE,
  /** Temporarily blocked, for example for overdue invoices. */
  ON_HOLD,
  /** No longer used but kept for history. */
  INACTIVE,
  /** Closed for good. */
  CLOSED
}
