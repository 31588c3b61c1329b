package dev.retailsync.api.model;

/** The fulfilment status of one order line. */
public enum OrderLineStatus {
  /** Ordered and not yet reserved or shipped. */
  OPEN,
  /** Stock reserved for the line. */
  RESERVED,
  /** Waiting for stock. */
  BACKORDERED,
  /** Part of the quantity has shipped. */
  PARTIALLY_SHIPPED,
  /** The whole quantity has shipped. */
  SHIPPED,
  /** Invoiced. */
  INVOICED,
  /** Cancelled. */
  CANCELLED,
  /** Returned after delivery. */
  RETURNED
}
