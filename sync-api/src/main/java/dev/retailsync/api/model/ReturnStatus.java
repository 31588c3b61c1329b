package dev.retailsync.api.model;

/** The lifecycle of a return request (RMA). */
public enum ReturnStatus {
  /** Requested by the customer or a channel. */
  REQUESTED,
  /** Authorised: the customer may send the goods back. */
  AUTHORIZED,
  /** Refused. */
  REJECTED,
  /** The goods have arrived at the warehouse. */
  RECEIVED,
  /** The goods have been inspected and a disposition decided. */
  INSPECTED,
  /** The refund has been issued. */
  REFUNDED,
  /** Completed. */
  CLOSED
}
