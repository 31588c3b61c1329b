package dev.retailsync.api.model;

/** The overall status of a shipment. */
public enum ShipmentStatus {
  /** Created, not yet picked. */
  CREATED,
  /** Picked in the warehouse. */
  PICKED,
  /** Packed and labelled. */
  PACKED,
  /** Handed over to the carrier. */
  SHIPPED,
  /** On its way. */
  IN_TRANSIT,
  /** Out for delivery. */
  OUT_FOR_DELIVERY,
  /** Delivered. */
  DELIVERED,
  /** Delayed, damaged, or undeliverable; see the events. */
  EXCEPTION,
  /** Returned to the sender. */
  RETURNED,
  /** Cancelled before it shipped. */
  CANCELLED
}
