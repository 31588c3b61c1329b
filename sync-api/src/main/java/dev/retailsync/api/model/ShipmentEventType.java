package dev.retailsync.api.model;

/** What happened to a shipment, as the warehouse or the carrier reports it. */
public enum ShipmentEventType {
  /** The shipment was created. */
  CREATED,
  /** The goods were picked. */
  PICKED,
  /** The parcel was packed and labelled. */
  PACKED,
  /** The parcel was handed over to the carrier. */
  SHIPPED,
  /** A scan on the way. */
  IN_TRANSIT,
  /** The parcel is out for delivery. */
  OUT_FOR_DELIVERY,
  /** The parcel was delivered. */
  DELIVERED,
  /** A delivery problem: delay, damage, wrong address, failed attempt. */
  EXCEPTION,
  /** The parcel went back to the sender. */
  RETURNED
}
