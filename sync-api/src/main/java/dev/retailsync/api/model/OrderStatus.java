package dev.retailsync.api.model;

/** The lifecycle of an order, from capture in a channel to closure in the ERP. */
public enum OrderStatus {
  /** Taken by a channel (web shop, store, call centre) and not yet accepted by the ERP. */
  CAPTURED,
  /** Accepted by the ERP: validated, priced and numbered. */
  ACCEPTED,
  /** Payment authorised for the order amount. */
  PAYMENT_AUTHORIZED,
  /** Stock reserved for every line. */
  RESERVED,
  /** At least one line waits for stock. */
  BACKORDERED,
  /** Some lines or quantities have shipped. */
  PARTIALLY_SHIPPED,
  /** Everything has shipped. */
  SHIPPED,
  /** Invoiced in full. */
  INVOICED,
  /** Cancelled before it was fulfilled. */
  CANCELLED,
  /** Completed; no further changes expected. */
  CLOSED
}
