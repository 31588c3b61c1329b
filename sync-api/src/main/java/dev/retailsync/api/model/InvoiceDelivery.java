package dev.retailsync.api.model;

/** How an account wants its invoices delivered. */
public enum InvoiceDelivery {
  /** As an e-mail attachment. */
  EMAIL,
  /** On paper. */
  POST,
  /** Through an EDI channel. */
  EDI,
  /** Through a customer portal. */
  PORTAL
}
