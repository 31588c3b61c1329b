package dev.retailsync.api.model;

/** The lifecycle of an invoice. */
public enum InvoiceStatus {
  /** Prepared but not yet issued. */
  DRAFT,
  /** Issued and not yet paid. */
  OPEN,
  /** Partly paid. */
  PARTIALLY_PAID,
  /** Paid in full. */
  PAID,
  /** Past its due date and not paid in full. */
  OVERDUE,
  /** Cancelled before payment. */
  CANCELLED,
  /** Reversed by a credit note. */
  CREDITED
}
