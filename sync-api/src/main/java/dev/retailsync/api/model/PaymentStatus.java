package dev.retailsync.api.model;

/** The state of one payment against an order or invoice. */
public enum PaymentStatus {
  /** Authorised by the payment provider but not yet captured. */
  AUTHORIZED,
  /** Captured: the money has been taken. */
  CAPTURED,
  /** Refunded to the payer. */
  REFUNDED,
  /** An authorisation released without capture. */
  VOIDED,
  /** Declined or failed. */
  FAILED
}
